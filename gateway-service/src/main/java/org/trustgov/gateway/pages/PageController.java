package org.trustgov.gateway.pages;

import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * The staff and governance pages, each a Thymeleaf template in {@code templates/pages/} that takes its
 * {@code <head>} and scripts from {@code templates/layout.html}. The pages hold no data: their scripts read the
 * API through the gateway with the signed-in person's session. Who may open which page is decided by the
 * security chain (only the start page is public); what a page shows is decided by the services.
 */
@Controller
class PageController {

    static final Set<String> PAGES = Set.of(
            "index",
            "training",
            "module",
            "certificate",
            "compliance",
            "report",
            "incidents",
            "incident",
            "policies",
            "policy",
            "resources",
            "consultation",
            "reports",
            "coverage",
            "draft",
            "modules",
            "records",
            "follow",
            "my-records",
            "overrides",
            "subject-access");

    @GetMapping({"/", "/index.html"})
    String start() {
        return "pages/index";
    }

    @GetMapping("/{page}.html")
    String page(@PathVariable String page) {
        if (!PAGES.contains(page)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No such page");
        }
        return "pages/" + page;
    }
}
