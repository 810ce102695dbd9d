package dev.htmxws.client;

/**
 * Keeps the HTTP requests a page makes to one host going out in the order the page made them, as a browser sends
 * them (a page's event streams, in page order): each takes a ticket when it is made, and waits for its turn to
 * connect and write; once written, the next may go. The answers are read in parallel.
 */
final class HostGate {

    private long next;
    private long serving;

    /** A ticket, taken in the order the page makes its requests. */
    synchronized long take() {
        return next++;
    }

    /** Waits for the ticket's turn. */
    synchronized void await(long ticket) throws InterruptedException {
        while (serving < ticket) {
            wait();
        }
    }

    /** The ticket's request is on the wire (or will not be): the next one's turn. Once per ticket. */
    synchronized void done(long ticket) {
        if (serving == ticket) {
            serving++;
            notifyAll();
        }
    }
}
