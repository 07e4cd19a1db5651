"""Load profile for ``make load`` (tests/perf/load.sh starts the portal and runs this headless).

Three kinds of users, weighted like a normal day:
- Visitor (anonymous): home, showcase with search terms and filters, showcase detail pages,
  knowledge base.
- ApiClient: API lists with a broker's token (enterprises with filters and deeper pages, broker
  teams, helpdesk cases, me).
- Broker: signs in through the login form (session + CSRF), then dashboard, register (with search
  and paging), teams, helpdesk inbox.

load.sh passes, through the environment:
  LOAD_PATHS      JSON file {url name: path} resolved by Django (routes missing in this build are absent)
  LOAD_TOKEN      API token of the broker
  LOAD_USERS      comma-separated broker usernames for session logins
  LOAD_PASSWORD   their password
  LOAD_SESSIONS   (capacity phase) JSON file with a list of signed-in session ids, made before the
                  run: each Broker takes the next one instead of signing in, so the capacity of
                  signed-in pages is not mixed with the deliberately slow password check of a sign-in
"""

import json
import os
import random
import re
from pathlib import Path
from urllib.parse import urlsplit

from locust import HttpUser, between, task
from requests.cookies import RequestsCookieJar

PATHS = json.loads(Path(os.environ["LOAD_PATHS"]).read_text()) if os.environ.get("LOAD_PATHS") else {}
TOKEN = os.environ.get("LOAD_TOKEN", "")
BROKERS = [u for u in os.environ.get("LOAD_USERS", "makelaar-haarlem").split(",") if u]
PASSWORD = os.environ.get("LOAD_PASSWORD", "impactportal-demo")
SESSIONS = json.loads(Path(os.environ["LOAD_SESSIONS"]).read_text()) if os.environ.get("LOAD_SESSIONS") else []
WAIT_MIN = float(os.environ.get("LOAD_WAIT_MIN", "0.5"))
WAIT_MAX = float(os.environ.get("LOAD_WAIT_MAX", "1.5"))

SEARCH_TERMS = ["fiets", "bakkerij", "koffie", "schoon", "druk", "groen", "textiel", "IT", "catering", "kringloop"]
MUNICIPALITIES = ["haarlem", "amersfoort", "zandvoort", "heemstede", "velsen", "emmen", "rotterdam"]
STATUSES = ["admitted", "applied", "under_review"]
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class LoopbackCookieJar(RequestsCookieJar):
    """The portal runs with production settings (Secure session and CSRF cookies) over plain http
    on 127.0.0.1; like browsers do for localhost, keep sending those cookies there. (A cookie
    policy does not survive requests' per-request jar merge, so the flag is dropped on storing.)"""

    def set_cookie(self, cookie, *args, **kwargs):
        cookie.secure = False
        return super().set_cookie(cookie, *args, **kwargs)


def path(name, default=None):
    return PATHS.get(name, default)


class PortalUser(HttpUser):
    abstract = True
    wait_time = between(WAIT_MIN, WAIT_MAX)

    def on_start(self):
        self.client.cookies = LoopbackCookieJar()

    def get(self, url, name=None, **kwargs):
        return self.client.get(url, name=name or url, **kwargs)


class BareView(PortalUser):
    """Only in load.sh's capacity phase (the normal run names its three classes): an empty Django
    view through the whole middleware stack, the ceiling every mix is compared with."""

    @task
    def bare(self):
        self.get(path("load-bare", "/_load/bare/"), name="bare view")


class Visitor(PortalUser):
    weight = 3
    showcase_ids: list = []

    @task(2)
    def home(self):
        self.get("/", name="/ (home)")

    @task(3)
    def showcase(self):
        self.get(path("etalage", "/etalage/"), name="/etalage/")

    @task(4)
    def showcase_search(self):
        self.get(f"{path('etalage', '/etalage/')}?q={random.choice(SEARCH_TERMS)}", name="/etalage/?q=…")

    @task(2)
    def showcase_filter(self):
        self.get(f"{path('etalage', '/etalage/')}?municipality={random.choice(MUNICIPALITIES)}",
                 name="/etalage/?municipality=…")

    @task(2)
    def showcase_detail(self):
        detail = path("enterprises:showcase-detail")
        if not detail:
            return
        if not Visitor.showcase_ids:
            response = self.get("/api/v1/enterprises/?page_size=100", name="/api/v1/enterprises/ (anonymous)")
            if response.ok:
                Visitor.showcase_ids = [row["id"] for row in response.json().get("results", [])]
        if Visitor.showcase_ids:
            self.get(detail.replace("/0/", f"/{random.choice(Visitor.showcase_ids)}/"), name="/etalage/<id>/")

    @task(1)
    def knowledge_base(self):
        if path("helpdesk:instrument-list"):
            self.get(path("helpdesk:instrument-list"), name="/kennisbank/")


class ApiClient(PortalUser):
    weight = 2

    def on_start(self):
        super().on_start()
        self.client.headers["Authorization"] = f"Token {TOKEN}"
        self.client.headers["Accept"] = "application/json"

    @task(4)
    def enterprises(self):
        self.get("/api/v1/enterprises/", name="API enterprises")

    @task(3)
    def enterprises_filtered(self):
        query = random.choice([
            f"admission_status={random.choice(STATUSES)}",
            f"municipality={random.choice(MUNICIPALITIES)}",
            f"q={random.choice(SEARCH_TERMS)}",
        ])
        self.get(f"/api/v1/enterprises/?{query}", name="API enterprises ?filter")

    @task(2)
    def enterprises_paged(self):
        response = self.get(f"/api/v1/enterprises/?page={random.randint(2, 4)}", name="API enterprises ?page=N",
                            catch_response=True)
        with response:
            # A page beyond the end is a 404 by design (small seed); not a server error.
            if response.status_code == 404:
                response.success()

    @task(2)
    def broker_teams(self):
        self.get("/api/v1/broker-teams/", name="API broker-teams")

    @task(2)
    def cases(self):
        if path("helpdesk-case-list"):
            self.get(path("helpdesk-case-list"), name="API helpdesk cases")

    @task(1)
    def me(self):
        self.get("/api/v1/me/", name="API me")


class Broker(PortalUser):
    weight = 1
    started = 0

    def on_start(self):
        super().on_start()
        if SESSIONS:
            self.client.cookies.set("sessionid", SESSIONS[Broker.started % len(SESSIONS)])
            Broker.started += 1
            return
        login = path("login", "/accounts/login/")
        page = super().get(login, name="login form")  # the form itself, not a page behind it
        match = CSRF_INPUT.search(page.text or "")
        username = random.choice(BROKERS)
        with self.client.post(
            login,
            data={"username": username, "password": PASSWORD,
                  "csrfmiddlewaretoken": match.group(1) if match else ""},
            headers={"Referer": self.host + login},
            name="login (POST)",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            # Success is a redirect away from the login page with a session cookie.
            location = response.headers.get("Location", "")
            if response.status_code != 302 or location.startswith(login) or "sessionid" not in self.client.cookies:
                response.failure(f"login of {username} failed (status {response.status_code})")

    def get(self, url, name=None, **kwargs):
        """A broker's page, which must not have sent the broker to the login form (a session that
        did not hold would otherwise count as served pages)."""
        login = path("login", "/accounts/login/")
        with self.client.get(url, name=name or url, catch_response=True, **kwargs) as response:
            if response.ok and urlsplit(response.url).path == login:
                response.failure("not signed in: sent to the login form")
        return response

    @task(3)
    def dashboard(self):
        self.get(path("dashboard", "/dashboard/"), name="/dashboard/")

    @task(3)
    def register(self):
        if path("enterprises:register"):
            self.get(path("enterprises:register"), name="/register/")

    @task(2)
    def register_search(self):
        if path("enterprises:register"):
            self.get(f"{path('enterprises:register')}?q={random.choice(SEARCH_TERMS)}", name="/register/?q=…")

    @task(1)
    def register_page(self):
        if path("enterprises:register"):
            self.get(f"{path('enterprises:register')}?page={random.randint(2, 4)}", name="/register/?page=N")

    @task(2)
    def teams(self):
        self.get(path("brokers:team-list", "/makelaars/teams/"), name="/makelaars/teams/")

    @task(2)
    def inbox(self):
        if path("helpdesk:inbox"):
            self.get(path("helpdesk:inbox"), name="/helpdesk/")
