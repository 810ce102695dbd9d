chatBox :: Html ()
chatBox = div_ [hxWs_ "connect:/chat"] ""

hxWs_ :: Text -> Attribute
hxWs_ = makeAttribute "data-hx-ws"

-- hiccup: [:form {:ws-send "true"}]
