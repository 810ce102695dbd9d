package main

const chatPage = `<div hx-ws:connect="ws:localhost:8080/ws?username=%s">
  <form hx-ws:send><input name="msg"></form>
</div>`

func render(w io.Writer, user string) { fmt.Fprintf(w, chatPage, user) }
