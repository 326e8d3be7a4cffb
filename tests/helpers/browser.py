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


STAFF_PASSWORD = "a long enough secret"


def staff(django_user_model, username, group, email=""):
    """A member of the Editors or Publishers group who logs in with STAFF_PASSWORD."""
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user(
        username, email=email, password=STAFF_PASSWORD, is_staff=True
    )
    user.groups.add(Group.objects.get(name=group))
    return user


def log_in(browser, live_server, username, **context_options):
    """Return a page of a new browser (its own cookies) in which `username` has logged in to the admin."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, **context_options)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", STAFF_PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    return page
