package dev.htmxws.server;

/** The {@code --demo chat} page: htmx 2 and the ws extension, the log, the users count, the status line, the form. */
public final class ChatPage {

    private ChatPage() {
    }

    /**
     * @param local  load htmx from /assets (--assets) instead of the CDN
     * @param wsPath the socket's path, relative to the page (same port)
     */
    public static String html(boolean local, String wsPath) {
        String htmx = local ? Assets.HTMX_URL : Assets.HTMX_CDN;
        String ws = local ? Assets.WS_URL : Assets.WS_CDN;
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>htmxws chat</title>
            <script src="%s"></script>
            <script src="%s"></script>
            <style>
              body { font: 16px/1.4 system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; }
              #chat_room { border: 1px solid #ccc; border-radius: 4px; height: 20rem; overflow-y: auto; padding: .5rem; }
              #chat_room p { margin: .2rem 0; }
              .notice { color: #777; font-style: italic; }
              header { display: flex; justify-content: space-between; align-items: baseline; }
              #status { color: #555; font-size: .9rem; min-height: 1.2rem; }
              form { display: flex; gap: .5rem; margin-top: .5rem; }
              input[name=chat_message] { flex: 1; }
            </style>
            </head>
            <body>
            <div hx-ext="ws" ws-connect="%s"
                 hx-on::ws-close="document.getElementById('status').textContent = 'disconnected; reconnecting…'">
              <header><h1>htmxws chat</h1><span id="users">0 online</span></header>
              <div id="chat_room"></div>
              <p id="status">connecting…</p>
              <form id="chat_form" ws-send hx-on::ws-after-send="this.elements.chat_message.value = ''">
                <input name="name" placeholder="your name" maxlength="40" autocomplete="nickname">
                <input name="chat_message" placeholder="say something" autocomplete="off" autofocus>
                <button type="submit">Send</button>
              </form>
            </div>
            </body>
            </html>
            """
            .formatted(htmx, ws, Html.escape(wsPath));
    }
}
