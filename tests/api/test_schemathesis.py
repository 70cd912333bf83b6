"""Property-based tests of both APIs from their OpenAPI documents (Schemathesis, through the WSGI
app: no server, no network). Every generated request, valid or not, must get an answer that is
not a server error and that matches the documented response schema.

A bounded number of examples per operation keeps ``make test`` fast; under CI
(``TEST_DATABASE_URL`` set, i.e. PostgreSQL) each operation gets more. The number of generated
cases is printed at the end of the run.
"""

import contextvars
import os

import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error, response_schema_conformance

from tests import factories

EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", 40 if os.environ.get("TEST_DATABASE_URL") else 12))
CHECKS = [not_a_server_error, response_schema_conformance]
GENERATED = {"cases": 0}


def _run(schema, headers: dict | None = None) -> list[str]:
    """Every operation of ``schema`` with valid and invalid generated requests; the failures."""
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()
        strategy = st.one_of(operation.as_strategy(GenerationMode.POSITIVE),
                             operation.as_strategy(GenerationMode.NEGATIVE))  # fmt: skip

        @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
                  suppress_health_check=list(HealthCheck))  # fmt: skip
        @given(case=strategy)
        def check(case):
            GENERATED["cases"] += 1
            # a fresh context per request, as a real server has (tests/conftest.py IsolatedClient)
            contextvars.Context().run(case.call_and_validate, headers=headers, checks=CHECKS)

        try:
            check()
        except Exception as exc:  # noqa: BLE001 (every kind of failure is collected, then shown)
            failures.append(f"{operation.label}: {exc}")
    return failures


def test_internal_api_has_no_server_error_and_keeps_its_schema(app, users):
    factories.create_incident(workflow_status="published")
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    failures = _run(schema, factories.bearer(users["admin"]))
    assert not failures, "\n\n".join(failures)


def test_public_api_has_no_server_error_and_keeps_its_schema(app):
    factories.create_incident(workflow_status="published")
    schema = schemathesis.openapi.from_wsgi("/api/public/v1/openapi.json", app)
    failures = _run(schema)
    assert not failures, "\n\n".join(failures)
