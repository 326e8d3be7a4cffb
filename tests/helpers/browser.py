"""Watching a page in the browser tests."""

VIOLATIONS_SCRIPT = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.__cspViolations.push(event.violatedDirective + ' ' + event.blockedURI + ' ' + (event.sample || ''));
});
"""


def watch_csp(page):
    """Return a function listing the CSP violations seen: events on the current page, console errors on all."""
    console = []
    page.on("console", lambda message: console.append(message.text) if message.type == "error" else None)
    page.add_init_script(VIOLATIONS_SCRIPT)

    def violations():
        events = page.evaluate("window.__cspViolations || []")
        return events + [text for text in console if "Content Security Policy" in text]

    return violations
