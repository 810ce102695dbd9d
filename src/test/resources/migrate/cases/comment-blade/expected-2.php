{{-- <div hx-sse="connect:/updates"> --}}
<div hx-ext="sse" sse-connect="/updates">
</div>
