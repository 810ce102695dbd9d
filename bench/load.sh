#!/usr/bin/env bash
# Long and large runs of the two load tests, by hand (the build runs them at their default sizes):
#   bench/load.sh listen [MESSAGES=10000000] [REPLACE=2000000] [APPEND=1000000]
#       ListenLongStreamTest: `htmxws listen` over MESSAGES raw messages, REPLACE messages replacing an element by id
#       and APPEND messages appending to a list; prints VmRSS at ten checkpoints (flat within 20 %) and the live
#       heap per appended message.
#   bench/load.sh serve [SECONDS=600] [CLIENTS=1000] [RATE=100] [SENDERS=4] [STALLED=10] [XMX=512m]
#       ServeChatLoadTest: `htmxws serve` (the chat demo, as a process) with CLIENTS WebSocket clients, SENDERS of
#       them sending RATE messages/s for SECONDS, and STALLED more that stop reading; prints delivery latency
#       (p50/p99/max), messages delivered, CPU per delivered message and the server's memory.
# Both check every message, in order. The figures are the blocks starting with "==" in the output. Loopback only.
set -euo pipefail
root="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mode="${1:-}"
case "$mode" in
  listen)
    ./mvnw -o -q -B test -Dtest=ListenLongStreamTest -Dsurefire.failIfNoSpecifiedTests=false \
      -Dhtmxws.stream.messages="${2:-10000000}" -Dhtmxws.stream.replace="${3:-2000000}" \
      -Dhtmxws.stream.append="${4:-1000000}" ;;
  serve)
    clients="${3:-1000}"
    stalled="${6:-10}"
    # the server holds three sockets per client (public, front door to WebSocket server, accepted), this JVM one
    echo "open files: soft limit $(ulimit -Sn), hard $(ulimit -Hn); needed about $(((clients + stalled) * 3 + 200))" >&2
    ./mvnw -o -q -B test -Dtest=ServeChatLoadTest -Dsurefire.failIfNoSpecifiedTests=false \
      -Dhtmxws.load.seconds="${2:-600}" -Dhtmxws.load.clients="$clients" -Dhtmxws.load.rate="${4:-100}" \
      -Dhtmxws.load.senders="${5:-4}" -Dhtmxws.load.stalled="$stalled" -Dhtmxws.load.xmx="${7:-512m}" ;;
  *)
    echo "usage: bench/load.sh listen [MESSAGES] [REPLACE] [APPEND] | serve [SECONDS] [CLIENTS] [RATE] [SENDERS] [STALLED] [XMX]" >&2
    exit 2 ;;
esac
