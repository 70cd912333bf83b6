"""flask users create / users token."""

from tracker.auth.queries import user_by_email


def test_users_create_reads_password_from_stdin_and_token_works(app, client):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["users", "create", "--email", "Editor@Example.org", "--role", "editor",
                                 "--password-stdin"], input="a long enough password\n")  # fmt: skip
    assert result.exit_code == 0, result.output
    user = user_by_email("editor@example.org")
    assert user.role == "editor" and user.password_hash.startswith("$argon2id$")

    token = runner.invoke(args=["users", "token", "editor@example.org"]).output.strip()
    assert token.startswith("pft_")
    assert client.get("/api/v1/incidents", headers={"Authorization": f"Bearer {token}"}).status_code == 200


def test_users_create_refuses_bad_input_clearly(app):
    runner = app.test_cli_runner()
    short = runner.invoke(args=["users", "create", "--email", "a@b.org", "--role", "viewer", "--password-stdin"],
                          input="short\n")  # fmt: skip
    assert short.exit_code == 2 and "password" in short.output
    bad_role = runner.invoke(args=["users", "create", "--email", "a@b.org", "--role", "boss", "--password-stdin"],
                             input="a long enough password\n")  # fmt: skip
    assert bad_role.exit_code == 2 and "boss" in bad_role.output
    assert user_by_email("a@b.org") is None


def test_users_token_for_unknown_user_fails(app):
    result = app.test_cli_runner().invoke(args=["users", "token", "nobody@example.org"])
    assert result.exit_code == 1 and "nobody@example.org" in result.output
