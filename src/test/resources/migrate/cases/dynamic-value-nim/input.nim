proc chatRoom*(room, username: string): string =
  result = tmpl"""
<div id="chat" hx-ws="connect:/chat/" & @"room" & "/" & @"username">
  <form hx-ws="send">
    <input name="message">
  </form>
</div>
"""
