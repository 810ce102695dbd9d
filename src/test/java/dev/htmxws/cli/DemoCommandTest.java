package dev.htmxws.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class DemoCommandTest {

    @Test
    void twoClientsTalkAndTheStoryIsToldInOrder() {
        CliResult r = CliResult.run("demo");

        assertThat(r.code()).as(r.toString()).isZero();
        String out = r.out();
        assertThat(out).containsSubsequence(
            "htmxws demo: a chat room at http://127.0.0.1:",
            "1. bob loads the page",
            "bob   │ connected to ws://127.0.0.1:",
            "bob   │ #chat_room innerHTML  guest-1 joined",
            "2. alice does the same",
            "alice │ #users outerHTML  2 online",
            "bob   │ #chat_room beforeend  guest-2 joined",
            "3. alice fills in her name",
            "alice │ > {\"name\":\"alice\",\"chat_message\":\"Hello from htmxws!\"",
            "alice │ #chat_room beforeend  alice: Hello from htmxws!",
            "\"HX-Trigger\" : \"chat_form\"",
            "4. bob receives the same fragments:",
            "bob   │ #chat_room beforeend  alice: Hello from htmxws!",
            "bob   │ #status outerHTML  last message from alice",
            "5. bob's page now:",
            "Try it yourself:",
            "htmxws serve",
            "htmxws connect --page http://127.0.0.1:8000/");
        // the goodbyes are not part of the story
        assertThat(out).doesNotContain("closed with").doesNotContain("left");
    }

    @Test
    void bobsPageEndsWithTheMessageAfterTheTwoJoins() {
        CliResult r = CliResult.run("demo");

        assertThat(r.code()).as(r.toString()).isZero();
        Document room = Jsoup.parseBodyFragment(lastPage(r.out()));
        assertThat(room.select("#chat_room > p").eachText())
            .containsExactly("guest-1 joined", "guest-2 joined", "alice: Hello from htmxws!");
    }

    @Test
    void anyMessageArrivesAsTextQuotesDollarsAndMarkupIncluded() {
        String nasty = "say \"hi\" ${HOME} \\ <script>alert(1)</script>";

        CliResult r = CliResult.run("demo", "--message", nasty);

        assertThat(r.code()).as(r.toString()).isZero();
        Document room = Jsoup.parseBodyFragment(lastPage(r.out()));
        assertThat(room.select("#chat_room p.msg").text()).isEqualTo("alice: " + nasty);
        assertThat(room.select("script")).isEmpty();
    }

    @Test
    void anEmptyMessageIsAUsageError() {
        CliResult r = CliResult.run("demo", "--message", "  ");

        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("--message must be one line of text").doesNotContain("Exception");
        assertThat(r.out()).isEmpty();
    }

    private static String lastPage(String out) {
        Matcher m = Pattern.compile("(?m)^  bob   │ (<div id=\"chat_room\">.*)$").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return m.group(1);
    }
}
