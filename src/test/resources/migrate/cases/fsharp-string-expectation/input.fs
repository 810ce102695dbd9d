[<Fact>]
let ``renders socket list`` () =
    let expected = """<ul hx-ws="connect:/web-socket"></ul>"""
    Assert.Equal(expected, render (_ul [ _hxWs "connect:/web-socket" ] []))
