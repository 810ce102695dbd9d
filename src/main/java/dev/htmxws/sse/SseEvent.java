package dev.htmxws.sse;

/**
 * One dispatched Server-Sent Event.
 *
 * @param type        the event name ({@code message} when the stream named none)
 * @param data        the data lines joined with \n
 * @param lastEventId the last event id seen on the stream so far (what a reconnect sends as Last-Event-ID)
 */
public record SseEvent(String type, String data, String lastEventId) {
}
