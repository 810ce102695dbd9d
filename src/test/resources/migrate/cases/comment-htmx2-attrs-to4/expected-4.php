{{-- <div hx-ext="sse" sse-connect="/rn-updates"> --}}
<!-- <form ws-send> -->
<div hx-sse:connect="/rn-updates">
</div>
