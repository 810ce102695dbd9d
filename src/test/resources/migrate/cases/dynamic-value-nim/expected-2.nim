proc chatRoom*(room, username: string): string =
  result = tmpl"""
<div id="chat" hx-ws="connect:/chat/" & @"room" & "/" & @"username">
  <form ws-send>
    <input name="message">
  </form>
</div>
"""
