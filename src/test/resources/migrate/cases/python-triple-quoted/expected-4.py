def chat_page(room):
    return f"""
<section hx-ws:connect="/ws/rooms/{room}">
  <form hx-ws:send><input name="text"></form>
</section>
"""
