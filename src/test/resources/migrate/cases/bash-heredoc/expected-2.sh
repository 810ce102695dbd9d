#!/usr/bin/env bash
ROOM_CODE="$1"
cat << EOF
<div id="room" hx-ext="sse" sse-connect="/sse/host/${ROOM_CODE}">
  <div sse-swap="buzz"></div>
</div>
EOF
