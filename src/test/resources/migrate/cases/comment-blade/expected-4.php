{{-- <div hx-sse="connect:/updates"> --}}
<div hx-sse:connect="/updates">
</div>
