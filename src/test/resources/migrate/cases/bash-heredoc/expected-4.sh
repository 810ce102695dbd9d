#!/usr/bin/env bash
ROOM_CODE="$1"
cat << EOF
<div id="room" hx-sse:connect="/sse/host/${ROOM_CODE}">
  <div hx-sse="swap:buzz"></div>
</div>
EOF
