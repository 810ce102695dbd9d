def chat_page(room):
    return f"""
<section hx-ext="ws" ws-connect="/ws/rooms/{room}">
  <form ws-send><input name="text"></form>
</section>
"""
