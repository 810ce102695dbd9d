def chat_page(room):
    return f"""
<section hx-ws="connect:/ws/rooms/{room}">
  <form hx-ws="send:submit"><input name="text"></form>
</section>
"""
