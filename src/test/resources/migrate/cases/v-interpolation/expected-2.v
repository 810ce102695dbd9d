fn (mut app App) status(email string) vweb.Result {
	return app.html('<div hx-ext="sse" sse-connect="/auth_update/$email"></div>')
}
