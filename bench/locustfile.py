"""The load test of ``manage.py bench``: reps going through their day, department scripts.

A ``RepUser`` logs in through the real login form and then loops over the home page, the
account list (sometimes searched), an account page and logging a visit. A
``DepartmentScript`` trades its password for an API token and polls the API. Later apps
add their pages to the rep's day and their queues to the script's polling.

The harness sets who logs in (``KAM_BENCH_*``); by hand, against ``seed_demo --size
large`` data::

    locust -f bench/locustfile.py --headless -u 50 -r 10 -t 60s --host http://127.0.0.1:8000
"""

import datetime as dt
import os
import random
import re
from zoneinfo import ZoneInfo

from locust import HttpUser, between, task
from locust.exception import StopUser

PASSWORD = os.environ.get("KAM_BENCH_PASSWORD", "kam-demo-2026")
REPS = os.environ.get("KAM_BENCH_REPS", ",".join(f"rep{n:04d}" for n in range(1, 501))).split(",")
DEPARTMENT_USERS = os.environ.get("KAM_BENCH_DEPARTMENT_USERS", "logistics").split(",")
#: The site's TIME_ZONE: the visit form takes a local time without an offset.
TIME_ZONE = ZoneInfo(os.environ.get("KAM_BENCH_TIME_ZONE", "Asia/Shanghai"))
#: Matches in both seed sizes' names, industries and regions.
SEARCH_TERMS = ["Co", "Systems", "有限公司", "East", "Foods", "Logistics", "Electronics"]

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ACCOUNT_LINK = re.compile(r'href="/accounts/(\d+)/"')


def csrf_token(response) -> str:
    match = CSRF_INPUT.search(response.text)
    if match is None:
        raise StopUser("no CSRF token on the page")
    return match.group(1)


class RepUser(HttpUser):
    """A rep working through their accounts in the browser (a session cookie)."""

    weight = 4
    wait_time = between(1, 3)

    def on_start(self):
        self.account_ids = []
        login = self.page("/auth/login/")
        # No redirect following: the 302 is the answer, the home page is another request.
        with self.client.post(
            "/auth/login/",
            data={
                "username": random.choice(REPS),
                "password": PASSWORD,
                "csrfmiddlewaretoken": csrf_token(login),
            },
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"login answered {response.status_code}")
        # One failed login is enough: retrying would get the username locked out.
        if response.status_code != 302:
            raise StopUser

    def page(self, path, name=None, **kwargs):
        """GET that must answer 200 itself (a redirect to the login page is a failure)."""
        with self.client.get(
            path, name=name or path, allow_redirects=False, catch_response=True, **kwargs
        ) as response:
            if response.status_code != 200:
                response.failure(f"answered {response.status_code}")
        return response

    def remember_accounts(self, response):
        self.account_ids = sorted(set(self.account_ids) | set(ACCOUNT_LINK.findall(response.text)))

    def an_account(self) -> str:
        if not self.account_ids:
            self.remember_accounts(self.page("/accounts/"))
        return random.choice(self.account_ids)

    @task(2)
    def home(self):
        self.page("/")

    @task(2)
    def account_list(self):
        if random.random() < 0.3:
            response = self.page(
                "/accounts/", name="/accounts/?q=[term]", params={"q": random.choice(SEARCH_TERMS)}
            )
        else:
            response = self.page("/accounts/")
        self.remember_accounts(response)

    @task(3)
    def account(self):
        self.page(f"/accounts/{self.an_account()}/", name="/accounts/[id]/")

    @task(1)
    def log_visit(self):
        account = self.an_account()
        form = self.page(
            "/accounts/visits/new/", name="/accounts/visits/new/", params={"account": account}
        )
        visited_at = dt.datetime.now(TIME_ZONE) - dt.timedelta(minutes=random.randint(5, 120))
        with self.client.post(
            "/accounts/visits/new/",
            data={
                "csrfmiddlewaretoken": csrf_token(form),
                "account": account,
                "visited_at": visited_at.strftime("%Y-%m-%dT%H:%M"),
                "kind": "phone",
                "purpose": "Delivery check",
                "summary": "Called about the open orders and next month's delivery schedule.",
            },
            allow_redirects=False,
            catch_response=True,
        ) as response:
            # The form answers 200 with its errors when the visit was not saved.
            if response.status_code != 302:
                response.failure(f"visit not saved: {response.status_code}")


class DepartmentScript(HttpUser):
    """A department's integration script polling its queues over the API with a token."""

    weight = 1
    wait_time = between(2, 5)

    def on_start(self):
        with self.client.post(
            "/api/v1/auth/token/",
            json={
                "username": random.choice(DEPARTMENT_USERS),
                "password": PASSWORD,
                "name": "locust load test",
                # Every run asks for new tokens: let them lapse rather than pile up live.
                "expires_in_days": 1,
            },
            catch_response=True,
        ) as response:
            token = response.json().get("token") if response.status_code == 200 else None
            if token is None:
                response.failure(f"no token: {response.status_code}")
        if token is None:
            raise StopUser
        self.client.headers["Authorization"] = f"Token {token}"

    @task
    def accounts(self):
        self.client.get("/api/v1/accounts/?page_size=50")
