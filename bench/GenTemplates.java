import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Benchmark input generator for {@code htmxws migrate --check}.
 *
 * <p>Usage: {@code java bench/GenTemplates.java OUTDIR [COUNT=10000] [SEED=42]}
 *
 * <p>Writes a deterministic tree of COUNT Jinja-style templates (about 6 KB each, 2-12 KB,
 * about 60 MB for 10,000 files) over 100 nested folders. Exactly round(COUNT / 5) files carry
 * legacy {@code hx-ws} / {@code hx-sse} attributes in the forms catalogued in
 * {@code templates-in-the-wild.md}; the other files contain neither string anywhere (nor
 * {@code ws-send}, {@code ws-connect}, {@code sse-connect}, {@code sse-swap}, {@code sse:}).
 * The output depends only on COUNT and SEED (java.util.Random is specified bit for bit).
 *
 * <p>Prints {@code key: value} lines on stdout: files, bytes, legacy_files, folders, ...
 */
public class GenTemplates {

    // ---------------------------------------------------------------- vocabulary

    static final String[] APPS = {
        "accounts", "blog", "chat", "shop", "orders", "billing", "support", "inventory",
        "dashboard", "notifications", "catalog", "events", "forum", "wiki", "crm",
        "reports", "auth", "media", "booking", "newsroom"
    };
    static final String[] SUBDIRS = {"pages", "partials", "components", "emails", "admin"};
    static final String[] NOUNS = {
        "order", "invoice", "ticket", "product", "user", "comment", "task", "article",
        "booking", "shipment", "message", "room", "customer", "report", "event", "post",
        "review", "payment", "category", "author"
    };
    static final String[] VIEWS = {"list", "detail", "form", "edit", "index", "table", "card",
        "summary", "history", "settings", "search", "dashboard", "feed", "panel", "row"};
    static final String[] EXTS = {"html", "html", "html", "html", "html", "html", "jinja",
        "jinja2", "j2", "html"};
    static final String[] FILTERS = {"title", "upper", "lower", "trim", "striptags", "e",
        "capitalize", "wordcount", "length", "first", "last", "safe", "urlize", "escape"};
    static final String[] PROSE = {
        "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore.",
        "Résumé du café : crème brûlée, naïve façade, déjà vu — à bientôt !",
        "Übersicht der Bestellungen für Zürich und Genève; größere Mengen auf Anfrage.",
        "Доставка и оплата: заказы отправляются в течение двух рабочих дней.",
        "東京の天気予報：明日は晴れ、最高気温は二十三度です。",
        "¡Hola, señor! ¿Qué tal la reunión del año pasado en Málaga?",
        "Ελληνικά κείμενα για δοκιμή κωδικοποίησης χαρακτήρων.",
        "数据分析报告：本季度收入增长百分之十二。",
        "Shipped ✓ · Pending ⏳ · Cancelled ✗ — totals in € and £, rocket 🚀 included.",
        "The quick brown fox jumps over the lazy dog while the build finishes.",
        "Customers can update their preferences at any time from the account page.",
        "Please contact support if the problem persists after clearing your cache.",
        "Niños y niñas: la piñata está en el jardín, junto a la fuente.",
        "Mañana por la mañana revisaremos el informe trimestral con el equipo.",
        "Ce paragraphe contient des guillemets « français » et des espaces insécables.",
        "Ödeme işlemleri güvenli bir şekilde tamamlandı; teşekkür ederiz.",
    };
    static final String[] CSS_PROPS = {
        "display: grid; grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr)); gap: .75rem;",
        "margin: 0 auto; max-width: 72ch; line-height: 1.5;",
        "border: 1px solid var(--border, #ddd); border-radius: 6px; padding: 1rem 1.25rem;",
        "font: 600 0.875rem/1.2 system-ui, sans-serif; color: #333;",
        "background: linear-gradient(90deg, #fafafa 0%, #f0f4ff 100%);",
        "position: sticky; top: 0; z-index: 10; backdrop-filter: blur(4px);",
        "transition: opacity .2s ease-in-out, transform .2s ease-in-out;",
    };

    // ---------------------------------------------------------------- state per file

    final Random r;
    final String noun;
    final String nouns;
    final String app;
    int ids;

    GenTemplates(Random r, String app) {
        this.r = r;
        this.app = app;
        this.noun = pick(NOUNS);
        this.nouns = noun + "s";
    }

    String pick(String[] a) { return a[r.nextInt(a.length)]; }
    boolean chance(double p) { return r.nextDouble() < p; }
    String id() { return noun + "-" + (++ids); }
    String filter() { return pick(FILTERS); }
    String prose() { return pick(PROSE); }

    // ---------------------------------------------------------------- clean sections

    String table() {
        String cols = chance(0.5) ? "5" : "4";
        return "<div class=\"table-responsive\">\n"
            + "  <table class=\"table table-striped\" id=\"" + id() + "-table\">\n"
            + "    <caption>{{ _(\"" + cap(nouns) + "\") }} ({{ " + nouns + "|length }})</caption>\n"
            + "    <thead>\n      <tr><th scope=\"col\">#</th><th scope=\"col\">{{ _(\"Name\") }}</th>"
            + "<th scope=\"col\">{{ _(\"Created\") }}</th><th scope=\"col\" class=\"num\">Total</th>"
            + (cols.equals("5") ? "<th scope=\"col\">Statut</th>" : "") + "</tr>\n    </thead>\n"
            + "    <tbody>\n"
            + "    {% for " + noun + " in " + nouns + " %}\n"
            + "      <tr class=\"{{ loop.cycle('odd', 'even') }}\"{% if " + noun + ".overdue %} data-overdue=\"true\"{% endif %}>\n"
            + "        <td><a href=\"{{ url_for('" + app + "." + noun + "_detail', id=" + noun + ".id) }}\">#{{ " + noun + ".number }}</a></td>\n"
            + "        <td>{{ " + noun + ".name|" + filter() + " }}</td>\n"
            + "        <td><time datetime=\"{{ " + noun + ".created_at.isoformat() }}\">{{ " + noun + ".created_at|datetimeformat('%d.%m.%Y') }}</time></td>\n"
            + "        <td class=\"num\">{{ '%.2f'|format(" + noun + ".total) }} €</td>\n"
            + (cols.equals("5")
                ? "        <td>{% if " + noun + ".paid %}<span class=\"badge ok\">Payé</span>{% elif " + noun + ".cancelled %}<span class=\"badge ko\">Annulé</span>{% else %}<span class=\"badge\">En attente</span>{% endif %}</td>\n"
                : "")
            + "      </tr>\n"
            + "    {% else %}\n"
            + "      <tr><td colspan=\"" + cols + "\" class=\"empty\">{{ _(\"Nothing here yet.\") }}</td></tr>\n"
            + "    {% endfor %}\n"
            + "    </tbody>\n"
            + "  </table>\n"
            + "</div>\n";
    }

    String form() {
        String fid = id() + "-form";
        StringBuilder sb = new StringBuilder();
        sb.append("<form id=\"").append(fid).append("\" method=\"post\" action=\"{{ url_for('")
          .append(app).append(".").append(noun).append("_create') }}\" class=\"form-stacked\"");
        if (chance(0.6)) {
            sb.append("\n      hx-post=\"/").append(nouns).append("/new\"\n      hx-target=\"#")
              .append(noun).append("-list\"\n      hx-swap=\"beforeend\"");
        }
        sb.append(">\n");
        sb.append("  <input type=\"hidden\" name=\"csrf_token\" value=\"{{ csrf_token() }}\">\n");
        sb.append("  {% for field in form %}\n");
        sb.append("  <div class=\"field{% if field.errors %} has-error{% endif %}\">\n");
        sb.append("    <label for=\"{{ field.id }}\">{{ field.label.text }}{% if field.flags.required %} <abbr title=\"obligatoire\">*</abbr>{% endif %}</label>\n");
        sb.append("    {{ field(class_=\"input\", placeholder=field.description|default('')) }}\n");
        sb.append("    {% for error in field.errors %}<p class=\"error\" role=\"alert\">{{ error }}</p>{% endfor %}\n");
        sb.append("  </div>\n");
        sb.append("  {% endfor %}\n");
        sb.append("  <label for=\"").append(fid).append("-notes\">Notes</label>\n");
        sb.append("  <textarea id=\"").append(fid).append("-notes\" name=\"notes\" rows=\"4\">{{ ")
          .append(noun).append(".notes|default('', true) }}</textarea>\n");
        sb.append("  <select name=\"status\">\n    {% for value, label in statuses %}\n")
          .append("    <option value=\"{{ value }}\"{% if value == ").append(noun)
          .append(".status %} selected{% endif %}>{{ label }}</option>\n    {% endfor %}\n  </select>\n");
        sb.append("  <button type=\"submit\" class=\"btn btn-primary\">{{ _(\"Enregistrer\") }}</button>\n");
        sb.append("  <a href=\"{{ request.referrer or url_for('").append(app).append(".index') }}\" class=\"btn\">Annuler</a>\n");
        sb.append("</form>\n");
        return sb.toString();
    }

    String cards() {
        return "<ul class=\"cards\" id=\"" + noun + "-list\">\n"
            + "  {% for " + noun + " in " + nouns + "|sort(attribute='created_at', reverse=true) %}\n"
            + "  {% if loop.index <= limit %}\n"
            + "  <li class=\"card {{ " + noun + ".kind|lower }}\">\n"
            + "    <h3>{{ " + noun + ".title|" + filter() + " }}</h3>\n"
            + "    {% if " + noun + ".image %}<img src=\"{{ " + noun + ".image.url }}\" alt=\"{{ " + noun + ".title|e }}\" loading=\"lazy\" width=\"320\" height=\"180\">{% endif %}\n"
            + "    <p>{{ " + noun + ".summary|truncate(140) }}</p>\n"
            + "    <footer>{{ " + noun + ".author.name|default('anonyme') }} · {{ " + noun + ".created_at|timesince }}</footer>\n"
            + "    <button class=\"btn-link\" hx-get=\"/" + nouns + "/{{ " + noun + ".id }}/preview\" hx-target=\"#preview\" hx-swap=\"innerHTML\">Aperçu</button>\n"
            + "  </li>\n"
            + "  {% endif %}\n"
            + "  {% endfor %}\n"
            + "</ul>\n"
            + "<div id=\"preview\" aria-live=\"polite\"></div>\n";
    }

    String prosePara() {
        StringBuilder sb = new StringBuilder();
        sb.append("<article class=\"prose\">\n  <h2>{{ page.heading|default(\"").append(prose(), 0, 20)
          .append("\") }}</h2>\n");
        int n = 1 + r.nextInt(3);
        for (int i = 0; i < n; i++) {
            sb.append("  <p>").append(prose()).append(" {{ ").append(noun).append(".description|")
              .append(filter()).append(" }} ").append(prose()).append("</p>\n");
        }
        sb.append("  <p lang=\"fr\">Dernière mise à jour : {{ updated_at|datetimeformat('%d %B %Y') }} — ")
          .append("<a href=\"{{ url_for('").append(app).append(".about') }}\">en savoir plus</a>.</p>\n");
        sb.append("</article>\n");
        return sb.toString();
    }

    String script() {
        return "<script>\n"
            + "  document.addEventListener(\"DOMContentLoaded\", function () {\n"
            + "    const list = document.querySelector(\"#" + noun + "-list\");\n"
            + "    const rows = list ? list.children : [];\n"
            + "    for (let i = 0; i < rows.length; i++) {\n"
            + "      if (rows[i].dataset.overdue === \"true\" && i > 0) { rows[i].classList.add(\"late\"); }\n"
            + "    }\n"
            + "    window.appConfig = {{ config|tojson }};\n"
            + "    const tpl = '<div class=\"toast\">' + {{ _(\"Saved\")|tojson }} + '</div>';\n"
            + "    document.body.addEventListener(\"htmx:afterSwap\", function (evt) {\n"
            + "      if (evt.detail.target.id === \"" + noun + "-list\") { document.body.insertAdjacentHTML(\"beforeend\", tpl); }\n"
            + "    });\n"
            + "  });\n"
            + "</script>\n";
    }

    String style() {
        return "<style>\n"
            + "  ." + noun + "-card { " + pick(CSS_PROPS) + " }\n"
            + "  ." + noun + "-card > h3::before { content: \"→ \"; }\n"
            + "  #" + noun + "-list li:nth-child(2n) { " + pick(CSS_PROPS) + " }\n"
            + "  @media (max-width: 40em) { ." + noun + "-card { " + pick(CSS_PROPS) + " } }\n"
            + "</style>\n";
    }

    String nav() {
        return "<nav class=\"breadcrumbs\" aria-label=\"breadcrumb\">\n"
            + "  <ol>\n"
            + "  {% for crumb in breadcrumbs %}\n"
            + "    <li{% if loop.last %} aria-current=\"page\"{% endif %}>{% if not loop.last %}<a href=\"{{ crumb.url }}\">{{ crumb.label }}</a>{% else %}{{ crumb.label|" + filter() + " }}{% endif %}</li>\n"
            + "  {% endfor %}\n"
            + "  </ol>\n"
            + "</nav>\n";
    }

    String misc() {
        switch (r.nextInt(6)) {
            case 0:
                return "{# TODO(" + pick(new String[] {"jdoe", "mk", "anna", "léa"}) + "): paginate " + nouns + " server-side #}\n"
                    + "{% set total = " + nouns + "|sum(attribute='total') %}\n"
                    + "<p class=\"total\">Total : {{ '%.2f'|format(total) }} € — {{ " + nouns + "|length }} {{ _(\"items\") }}</p>\n";
            case 1:
                return "{% include \"" + app + "/partials/_pagination.html\" with context %}\n"
                    + "<!-- pagination partial; keep the ids stable for the e2e tests -->\n";
            case 2:
                return "{% from \"macros/forms.html\" import render_field, render_errors %}\n"
                    + "{{ render_errors(form) }}\n"
                    + "{% call render_field(form.email, class_='wide') %}<small>{{ _(\"We never share it.\") }}</small>{% endcall %}\n";
            case 3:
                return "<div class=\"stats\" hx-get=\"/" + app + "/stats\" hx-trigger=\"load, every 30s\" hx-swap=\"innerHTML\">\n"
                    + "  <span class=\"spinner\" aria-hidden=\"true\"></span> {{ _(\"Chargement…\") }}\n"
                    + "</div>\n";
            case 4:
                return "{% with " + noun + " = " + nouns + "|first %}\n"
                    + "<button type=\"button\" class=\"btn btn-danger\" hx-delete=\"/" + nouns + "/{{ " + noun + ".id }}\"\n"
                    + "        hx-confirm=\"Supprimer « {{ " + noun + ".name|e }} » ?\" hx-target=\"closest tr\" hx-swap=\"outerHTML swap:1s\">Supprimer</button>\n"
                    + "{% endwith %}\n";
            default:
                return "<dl class=\"meta\">\n"
                    + "  {% for key, value in " + noun + ".meta|dictsort %}\n"
                    + "  <dt>{{ key|replace('_', ' ')|capitalize }}</dt><dd>{{ value if value is not none else '—' }}</dd>\n"
                    + "  {% endfor %}\n"
                    + "</dl>\n";
        }
    }

    String cleanSection() {
        switch (r.nextInt(10)) {
            case 0: case 1: return table();
            case 2: return form();
            case 3: return cards();
            case 4: case 5: return prosePara();
            case 6: return script();
            case 7: return style();
            case 8: return nav();
            default: return misc();
        }
    }

    // ---------------------------------------------------------------- legacy snippets

    /** Legacy snippets for a child/partial template (balanced, no body). */
    String legacySnippet() {
        switch (r.nextInt(16)) {
            case 0: // Django Channels tutorial: connect with a template variable, send form inside
                return "<div id=\"chat\" hx-ws=\"connect:/chat/{{ slug }}/\">\n"
                    + "  <div id=\"messages\">{% for m in messages %}<p><b>{{ m.user }}</b>: {{ m.content }}</p>{% endfor %}</div>\n"
                    + "  <form id=\"chat-form\" hx-ws=\"send:submit\">\n"
                    + "    <input name=\"message\" autocomplete=\"off\" placeholder=\"Écrire un message…\">\n"
                    + "    <button type=\"submit\">Envoyer</button>\n"
                    + "  </form>\n"
                    + "</div>\n";
            case 1: // connect + swap in one hx-sse value
                return "<div class=\"" + noun + "-feed\" hx-sse=\"connect:/events swap:message\">\n"
                    + "  {{ _(\"Waiting for events…\") }}\n"
                    + "</div>\n";
            case 2: // valueless send on a form
                return "<form hx-ws=\"send\" class=\"composer\">\n"
                    + "  <input type=\"search\" name=\"q\" value=\"{{ q|default('') }}\">\n"
                    + "</form>\n";
            case 3: // data- form
                return "<section data-hx-ws=\"connect:/ws\" class=\"live\">\n"
                    + "  <input type=\"button\" data-hx-ws=\"send\" value=\"Ping\">\n"
                    + "</section>\n";
            case 4: // attributes split over lines
                return "<section\n"
                    + "    id=\"news\"\n"
                    + "    class=\"feed\"\n"
                    + "    hx-sse=\"connect:/news_updates\"\n"
                    + ">\n"
                    + "  <ul hx-sse=\"swap:#of_news\" hx-swap=\"afterbegin\"></ul>\n"
                    + "  <span\n"
                    + "      hx-sse=\"swap:#of_subscribers\"\n"
                    + "  >0</span>\n"
                    + "</section>\n";
            case 5: // {% if %} inside a start tag
                return "<div class=\"notifications\" {% if user.is_authenticated %}hx-ws=\"connect:/ws/notifications/\"{% endif %}>\n"
                    + "  {% include \"" + app + "/partials/_notifications.html\" %}\n"
                    + "</div>\n";
            case 6: // single quotes, self-closing
                return "<div hx-ws='connect:/jam/ws' />\n";
            case 7: // URL with a literal comma, three tokens
                return "<div id=\"posts\" hx-sse=\"connect:/posts.html?types=Event1,Event2 swap:Event1 swap:Event2\">\n"
                    + "  <p>{{ _(\"Latest posts\") }}</p>\n"
                    + "</div>\n";
            case 8: // fully qualified URL
                return "<aside hx-ws=\"connect:wss://echo.websocket.org\">\n"
                    + "  <a href=\"#\" hx-ws=\"send\">Echo</a>\n"
                    + "</aside>\n";
            case 9: // ws: prefix followed by a template expression (warning)
                return "<div id=\"page-room\" hx-ws=\"connect:ws:{{ DOMAIN }}/ws/pages/{{ room_random }}/\">\n"
                    + "  <form hx-ws=\"send:submit\"><input name=\"text\"><button>OK</button></form>\n"
                    + "</div>\n";
            case 10: // sse trigger under a connect parent
                return "<div hx-sse=\"connect:/status_updates\">\n"
                    + "  <div hx-get=\"/" + nouns + "/count\" hx-trigger=\"sse:new_news\">{{ " + nouns + "|length }}</div>\n"
                    + "</div>\n";
            case 11: // connect and send on one element, multi-line
                return "<form id=\"" + id() + "\"\n"
                    + "      hx-ws=\"connect:/chatroom send\"\n"
                    + "      class=\"chat\">\n"
                    + "  <input name=\"chat_message\">\n"
                    + "</form>\n";
            case 12: // existing hx-ext on the element
                return "<article hx-ext=\"json-enc\" hx-ws=\"connect:/pubsub\">\n"
                    + "  <footer><button hx-ws=\"send\">Publish</button></footer>\n"
                    + "</article>\n";
            case 13: // data-hx-sse with a Go-ish query string
                return "<ul data-hx-sse=\"connect:/progress-events?job={{ job.id }}&amp;v=2 swap:progress\">\n"
                    + "  <li>{{ job.name }}</li>\n"
                    + "</ul>\n";
            case 14: // commented-out / escaped copies next to the live attribute
                return "{# <div hx-ws=\"connect:/chat/{{ slug }}/\"> #}\n"
                    + "<pre><code>&lt;div hx-ws=\"connect:ws://localhost/echo\"&gt;&lt;/div&gt;</code></pre>\n"
                    + "<!-- old: <div hx-sse=\"connect:/old-events\"> -->\n"
                    + "<div hx-ws=\"connect:ws://localhost/echo\"></div>\n";
            default: // rare invalid / info forms (errors and info findings)
                switch (r.nextInt(4)) {
                    case 0:
                        return "<div hx-ws=\"connect:/ws\"><button hx-ws=\"send:start_recording\">Rec</button></div>\n";
                    case 1:
                        return "<div hx-ws=\"close\" class=\"closer\"></div>\n";
                    case 2:
                        return "<footer hx-sse=\"connect:/rn-updates swap:e1 swap:e2\"></footer>\n";
                    default:
                        return "<div hx-ws=\"\" id=\"" + id() + "\"></div>\n";
                }
        }
    }

    /** A legacy body start tag for layout files. */
    String legacyBody() {
        switch (r.nextInt(3)) {
            case 0: return "<body class=\"app\" {% if user.is_authenticated %}hx-ws=\"connect:/ws/notifications/\"{% endif %}>\n";
            case 1: return "<body hx-sse=\"connect:/status_updates\" class=\"app\">\n";
            default: return "<body\n    class=\"app {{ body_class|default('') }}\"\n    hx-ws=\"connect:wss://echo.websocket.org\"\n>\n";
        }
    }

    // ---------------------------------------------------------------- file assembly

    static int utf8Len(CharSequence s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) n += 1;
            else if (c < 0x800) n += 2;
            else if (Character.isHighSurrogate(c)) { n += 4; i++; }
            else n += 3;
        }
        return n;
    }

    /** Fill with paragraphs until about {@code bytes} more bytes are written. */
    String filler(int bytes) {
        StringBuilder sb = new StringBuilder();
        if (bytes < 40) return "";
        sb.append("<p class=\"note\">");
        int used = utf8Len(sb) + 5; // "</p>\n"
        while (true) {
            String w = prose() + " ";
            int wl = utf8Len(w);
            if (used + wl > bytes) break;
            sb.append(w);
            used += wl;
        }
        // pad with ASCII to land on the target exactly
        String pad = "Lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor ";
        while (used < bytes) { sb.append(pad.charAt(used % pad.length())); used++; }
        sb.append("</p>\n");
        return sb.toString();
    }

    /** kind: 0 child template (extends), 1 layout, 2 partial. */
    String build(int kind, boolean legacy, int target) {
        StringBuilder head = new StringBuilder();
        StringBuilder tail = new StringBuilder();
        String title = cap(noun) + " " + pick(VIEWS);
        if (kind == 1) {
            head.append("<!DOCTYPE html>\n<html lang=\"{{ lang|default('fr') }}\">\n<head>\n")
                .append("  <meta charset=\"utf-8\">\n  <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("  <title>{% block title %}").append(title).append("{% endblock %} · {{ site_name }}</title>\n")
                .append("  <link rel=\"stylesheet\" href=\"{{ url_for('static', filename='css/app.css') }}\">\n");
            if (legacy) {
                head.append("  <script src=\"https://unpkg.com/htmx.org@1.9.12\" integrity=\"sha384-ujb1lZYygJmzgSwoxRggbCHcjc0rB2XoQrxeTUQyRjrOnlCoYta87iKBWq3EsdM2\" crossorigin=\"anonymous\"></script>\n");
            } else {
                head.append("  <script src=\"https://unpkg.com/htmx.org@2.0.4\" crossorigin=\"anonymous\"></script>\n");
            }
            head.append("  {% block extra_head %}{% endblock %}\n</head>\n");
            head.append(legacy && chance(0.5) ? legacyBody() : "<body class=\"app {{ body_class|default('') }}\">\n");
            head.append("  <header class=\"topbar\"><a href=\"/\">{{ site_name }}</a> {% if user %}<span>Bonjour, {{ user.first_name|title }} !</span>{% endif %}</header>\n");
            head.append("  <main id=\"main\">\n  {% block content %}{% endblock %}\n");
            tail.append("  </main>\n  <footer>© {{ now().year }} {{ site_name }} — Tous droits réservés.</footer>\n")
                .append("  {% block scripts %}{% endblock %}\n</body>\n</html>\n");
        } else if (kind == 0) {
            head.append("{% extends \"").append(chance(0.7) ? "layouts/base.html" : app + "/base.html").append("\" %}\n")
                .append("{# ").append(app).append(": ").append(title).append(" #}\n")
                .append("{% block title %}").append(title).append(" · {{ super() }}{% endblock %}\n")
                .append("{% block content %}\n");
            tail.append("{% endblock %}\n");
            if (chance(0.4)) {
                tail.append("{% block scripts %}\n{{ super() }}\n<script src=\"{{ url_for('static', filename='js/")
                    .append(app).append(".js') }}\" defer></script>\n{% endblock %}\n");
            }
        } else {
            head.append("{# partial: ").append(app).append("/").append(noun).append(" — rendered via hx-get #}\n");
        }

        List<String> sections = new ArrayList<>();
        int budget = target - utf8Len(head) - utf8Len(tail);
        int used = 0;
        // legacy snippets first (1-3 per file), then clean sections around them
        List<String> legacyParts = new ArrayList<>();
        if (legacy) {
            int n = 1 + (chance(0.5) ? 0 : r.nextInt(3));
            for (int i = 0; i < n; i++) {
                String s = legacySnippet();
                legacyParts.add(s);
                used += utf8Len(s);
            }
        }
        while (true) {
            String s = cleanSection();
            int l = utf8Len(s);
            if (used + l > budget) break;
            sections.add(s);
            used += l;
        }
        for (String s : legacyParts) sections.add(r.nextInt(sections.size() + 1), s);
        sections.add(r.nextInt(sections.size() + 1), filler(budget - used));

        StringBuilder out = new StringBuilder(target + 256);
        out.append(head);
        for (String s : sections) out.append(s);
        out.append(tail);
        return out.toString();
    }

    static String cap(String s) { return Character.toUpperCase(s.charAt(0)) + s.substring(1); }

    /** Triangular(2000, 4000, 12000) bytes, mean 6000. */
    static int targetSize(Random r) {
        double a = 2000, c = 4000, b = 12000;
        double u = r.nextDouble();
        double f = (c - a) / (b - a);
        double x = u < f ? a + Math.sqrt(u * (b - a) * (c - a)) : b - Math.sqrt((1 - u) * (b - a) * (b - c));
        return (int) Math.round(x);
    }

    // ---------------------------------------------------------------- main

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 3) {
            System.err.println("usage: java GenTemplates.java OUTDIR [COUNT=10000] [SEED=42]");
            System.exit(2);
        }
        Path out = Paths.get(args[0]);
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 10000;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 42L;
        if (count < 1) throw new IllegalArgumentException("COUNT must be >= 1");

        Random master = new Random(seed);
        // exactly round(count/5) legacy files, chosen by a seeded shuffle
        int legacyCount = (int) Math.round(count / 5.0);
        boolean[] legacy = new boolean[count];
        int[] perm = new int[count];
        for (int i = 0; i < count; i++) perm[i] = i;
        for (int i = count - 1; i > 0; i--) {
            int j = master.nextInt(i + 1);
            int t = perm[i]; perm[i] = perm[j]; perm[j] = t;
        }
        for (int i = 0; i < legacyCount; i++) legacy[perm[i]] = true;

        long fileSeedBase = master.nextLong();
        long totalBytes = 0;
        int written = 0, legacyWritten = 0, crlf = 0, bom = 0, minSize = Integer.MAX_VALUE, maxSize = 0;
        java.util.Set<Path> dirs = new java.util.TreeSet<>();
        for (int i = 0; i < count; i++) {
            Random r = new Random(fileSeedBase ^ (0x9E3779B97F4A7C15L * (i + 1)));
            String app = APPS[i % APPS.length];
            String sub = SUBDIRS[(i / APPS.length) % SUBDIRS.length];
            GenTemplates g = new GenTemplates(r, app);
            int kind;
            if (sub.equals("partials") || sub.equals("components")) kind = r.nextInt(4) == 0 ? 0 : 2;
            else kind = r.nextInt(10) == 0 ? 1 : 0;
            int target = targetSize(r);
            boolean useCrlf = r.nextInt(20) == 0;   // 5% CRLF files
            boolean useBom = r.nextInt(200) == 0;   // 0.5% UTF-8 BOM
            String text = g.build(kind, legacy[i], target - (useBom ? 3 : 0));
            if (useCrlf) text = text.replace("\n", "\r\n");
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);

            Path dir = out.resolve(app).resolve("templates").resolve(app).resolve(sub);
            if (dirs.add(dir)) Files.createDirectories(dir);
            String name = String.format("%s_%s_%05d.%s", g.noun, g.pick(VIEWS), i, EXTS[r.nextInt(EXTS.length)]);
            if (kind == 2) name = "_" + name;
            try (OutputStream os = Files.newOutputStream(dir.resolve(name))) {
                if (useBom) os.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
                os.write(bytes);
            }
            int size = bytes.length + (useBom ? 3 : 0);
            totalBytes += size;
            minSize = Math.min(minSize, size);
            maxSize = Math.max(maxSize, size);
            written++;
            if (legacy[i]) legacyWritten++;
            if (useCrlf) crlf++;
            if (useBom) bom++;
        }
        System.out.println("files: " + written);
        System.out.println("bytes: " + totalBytes);
        System.out.println("legacy_files: " + legacyWritten);
        System.out.println("folders: " + dirs.size());
        System.out.println("min_file_bytes: " + minSize);
        System.out.println("max_file_bytes: " + maxSize);
        System.out.println("crlf_files: " + crlf);
        System.out.println("bom_files: " + bom);
        System.out.printf("summary: %d files, %.1f MB, %d with legacy attributes, in %d folders under %s%n",
            written, totalBytes / 1e6, legacyWritten, dirs.size(), out);
    }
}
