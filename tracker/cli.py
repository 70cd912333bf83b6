"""Flask commands: ``flask users ...``, ``flask demo load``. One commit per command."""

import sys
import time
from pathlib import Path

import click
import sqlalchemy as sa
from flask import Flask
from flask.cli import AppGroup
from flask_babel import gettext as _

from tracker.audit.operations import Actor
from tracker.core import postgres
from tracker.core.exceptions import ValidationFailed
from tracker.core.transaction import transaction

DEMO_ADMIN = "admin@demo.local"

users_cli = AppGroup("users", help="Staff accounts and API tokens.")
demo_cli = AppGroup("demo", help="Synthetic demonstration data.")
geo_cli = AppGroup("geo", help="Gazetteer and geocoding.")
report_cli = AppGroup("report", help="Yearly statistics and the yearly PDF report.")
incidents_cli = AppGroup("incidents", help="Bulk import and export of incidents.")
map_cli = AppGroup("map", help="The public incident map.")
public_cli = AppGroup("public", help="The public side: prepared data shared by every web process.")
intake_cli = AppGroup("intake", help="News articles -> proposed draft cases (nothing is saved).")
audit_cli = AppGroup("audit", help="The tamper-evident audit trail.")
evidence_cli = AppGroup("evidence", help="Evidence files attached to cases.")
keys_cli = AppGroup("keys", help="Encryption keys for protected values at rest.")
backup_cli = AppGroup("backup", help="Backups of the database and the evidence store.")


def _fail_validation(error: ValidationFailed) -> None:
    for field, messages in error.errors.items():
        for message in messages:
            click.echo(f"{field}: {message}", err=True)
    sys.exit(2)


def _read_password(prompt: bool) -> str:
    if not sys.stdin.isatty() and not prompt:
        return sys.stdin.readline().rstrip("\n")
    return click.prompt("Password", hide_input=True, confirmation_prompt=True)


@users_cli.command("create")
@click.option("--email", required=True)
@click.option("--role", required=True, type=click.Choice(["admin", "editor", "researcher", "viewer"]))
@click.option("--name", default=None, help="Display name (defaults to the e-mail).")
@click.option("--locale", default="ar", type=click.Choice(["ar", "en"]))
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
def create_user(email, role, name, locale, password_stdin):
    """Create a staff account. The password is prompted for, or read from stdin."""
    from tracker.auth import operations

    password = sys.stdin.readline().rstrip("\n") if password_stdin else _read_password(True)
    try:
        with transaction():
            user = operations.create_user(
                email, name or email, role, password, Actor(None, "cli", "system:users-create"), locale=locale
            )
    except ValidationFailed as error:
        _fail_validation(error)
    click.echo(f"Created {user.role} {user.email} (id {user.id})")


@users_cli.command("token")
@click.argument("email")
@click.option("--name", default="", help="A label to recognise the token by.")
def create_token(email, name):
    """Create a personal API token for EMAIL and print it once."""
    from tracker.auth import operations
    from tracker.auth.queries import user_by_email

    user = user_by_email(email)
    if user is None or not user.is_active:
        raise click.ClickException(f"No active account with e-mail {email}")
    with transaction():
        _row, token = operations.create_api_token(user, Actor(None, "cli", "system:users-token"), name)
    click.echo(token)


@demo_cli.command("load")
@click.option("--incidents", "count", default=1000, show_default=True, type=click.IntRange(1, 1_000_000))
@click.option("--seed", default=1, show_default=True, type=int)
def load_demo(count, seed):
    """Load COUNT realistic, bilingual synthetic incidents (2015-2025).

    Commits batch by batch (memory and the database journal stay bounded at a million
    incidents); Ctrl-C rolls back the batch in progress and keeps the ones committed, which are
    the first incidents of that seed's data set."""
    from tracker.demo import generator as demo
    from tracker.extensions import db

    committed = 0

    def batch_done(size: int) -> None:
        nonlocal committed
        db.session.commit()
        committed += size
        bar.update(size)

    with click.progressbar(length=count, label="Incidents", file=sys.stderr) as bar:
        try:
            with transaction():
                demo.load(count, seed, progress=batch_done)
                postgres.refresh_statistics()  # the planner's statistics of the loaded rows
        except KeyboardInterrupt:
            click.echo(
                f"\nInterrupted: {committed} of {count} demo incidents committed (seed {seed}).", err=True
            )
            sys.exit(130)
    click.echo(f"Loaded {committed} demo incidents (seed {seed}).")


@demo_cli.command("setup")
@click.option("--incidents", "count", default=1000, show_default=True, type=click.IntRange(0, 1_000_000))
def setup_demo(count):
    """First run of a local copy: demo incidents and a demo admin if the database is empty.

    The demo admin's password is kept in instance/demo-admin.txt and printed each time.
    """
    import secrets

    from flask import current_app

    from tracker.auth import operations
    from tracker.auth.models import User
    from tracker.cases.models import Incident
    from tracker.demo import generator as demo
    from tracker.extensions import db

    credentials = Path(current_app.instance_path) / "demo-admin.txt"
    has_users = db.session.scalar(sa.select(sa.func.count(User.id))) > 0
    if not has_users:
        password = secrets.token_urlsafe(12)
        with transaction():
            operations.create_user(
                DEMO_ADMIN,
                "Demo admin",
                "admin",
                password,
                Actor(None, "cli", "system:demo-setup"),
                locale="ar",
            )
        credentials.write_text(f"{DEMO_ADMIN}\n{password}\n")
        credentials.chmod(0o600)
    if count and not db.session.scalar(sa.select(sa.func.count(Incident.id))):
        with click.progressbar(length=count, label="Demo incidents", file=sys.stderr) as bar, transaction():
            demo.load(count, seed=1, progress=bar.update)
            postgres.refresh_statistics()
    if credentials.exists():
        email, password = credentials.read_text().split()
        click.echo(f"\n  Demo admin: {email}  password: {password}\n  (log in at /auth/login)\n")


@geo_cli.command("geocode")
@click.option(
    "--missing", "mode", flag_value="missing", default=True, help="Incidents without a point (default)."
)
@click.option("--all", "mode", flag_value="all", help="Every incident whose point is not manual.")
@click.option("--dry-run", is_flag=True, help="Show what would change; write nothing.")
@click.option("--after-id", default=0, type=int, help="Resume --all after this incident id.")
def geocode(mode, dry_run, after_id):
    """Geocode incidents offline (gazetteer, then configured providers); commits in batches."""
    import json

    from tracker.geo import batch

    total = db_count(batch.select_ids(mode, after_id))
    actor = Actor(None, "cli", "system:geo-geocode")
    with click.progressbar(length=total, label="Incidents", file=sys.stderr) as bar:
        summary = batch.run(mode, actor, dry_run=dry_run, after_id=after_id, progress=bar.update)
    for row in summary.review:
        click.echo(json.dumps(row, ensure_ascii=False))
    counts = ", ".join(f"{k}: {v}" for k, v in sorted(summary.counts.items())) or "nothing to do"
    click.echo(f"{'Dry run: ' if dry_run else ''}{counts}; {len(summary.review)} to review.", err=True)
    if summary.interrupted:
        click.echo(f"Interrupted: committed up to incident id {summary.last_id}.", err=True)
        sys.exit(130)


@geo_cli.command("lookup")
@click.argument("text")
@click.option("--country", default=None, help="ISO code or name, e.g. YE or اليمن.")
@click.option("--admin1", default=None, help="Governorate name.")
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 100))
def lookup(text, country, admin1, limit):
    """Print the ranked candidates for TEXT as JSON."""
    import json

    from tracker.geo import providers
    from tracker.geo.serialise import lookup_dict

    with transaction():  # a provider's answer is cached
        found = providers.geocode(text, admin1, country, limit)
    click.echo(json.dumps(lookup_dict(found), ensure_ascii=False, indent=2))


@geo_cli.command("build-index")
@click.option("--if-missing", is_flag=True, help="Only when there is no index for the installed data yet.")
def build_index(if_missing):
    """(Re)build the gazetteer index file from the installed packages (a few seconds)."""
    from tracker.geo import gazetteer

    path = gazetteer.index_path()
    if not (if_missing and path.exists()):
        gazetteer.write_index(path)
    click.echo(f"Gazetteer index written to {path}")


@geo_cli.group("boundaries")
def boundaries_cli():
    """Governorate boundaries for the public map's shaded layer."""


@boundaries_cli.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--lang", default="ar", show_default=True, type=click.Choice(["ar", "en"]), help="Language of messages."
)
def boundaries_import(path, lang):
    """Load an admin-1 GeoJSON (geoBoundaries or Natural Earth shaped) for the map."""
    from flask_babel import force_locale

    from tracker.geo import boundaries, gazetteer
    from tracker.geo import operations as geo_ops

    with force_locale(lang):
        try:
            plan = boundaries.plan(boundaries.parse(path.read_bytes()), gazetteer.get())  # checks, no writes
        except boundaries.BadBoundaries as exc:
            raise click.ClickException(f"{exc} " + _("Nothing was written.")) from exc
        g = gazetteer.get()
        for match in plan.matched:
            how = _("by code") if match.by == "code" else _("by name")
            admin = g.admin1[match.code]
            click.echo(_("Matched: %(label)s -> %(code)s %(name)s (%(how)s)", label=match.label, code=match.code,
                         name=admin.name_ar if lang == "ar" else admin.name_en, how=how))  # fmt: skip
        for label, reason in plan.unmatched:
            click.echo(_("Not matched: %(label)s: %(reason)s", label=label, reason=reason), err=True)
        if not plan.features:
            raise click.ClickException(
                _("No feature matched a governorate in the gazetteer. Nothing was written.")
            )
        target = boundaries.path()
        with transaction():
            geo_ops.save_boundaries(plan, Actor(None, "cli", f"system:boundaries {path.name}"), target)
        click.echo(
            _("%(governorates)s governorates written (%(matched)s features matched, %(unmatched)s not matched).",
              governorates=len(plan.features), matched=len(plan.matched), unmatched=len(plan.unmatched))
        )  # fmt: skip


@boundaries_cli.command("clear")
@click.option(
    "--lang", default="ar", show_default=True, type=click.Choice(["ar", "en"]), help="Language of messages."
)
def boundaries_clear(lang):
    """Remove the imported boundaries: the map shows proportional circles again."""
    from flask_babel import force_locale

    from tracker.geo import boundaries
    from tracker.geo import operations as geo_ops

    with force_locale(lang), transaction():
        removed = geo_ops.clear_boundaries(Actor(None, "cli", "system:boundaries"), boundaries.path())
        click.echo(_("Boundaries removed.") if removed else _("There were no boundaries to remove."))


def db_count(select) -> int:

    from tracker.extensions import db

    return db.session.scalar(sa.select(sa.func.count()).select_from(select.subquery()))


def _scope(year, country, edition):
    from reports.statistics import Scope

    return Scope(year, country.upper() if country else None, edition)


_year = click.option("--year", required=True, type=click.IntRange(1900, 2999))
_country = click.option("--country", default=None, help="ISO 3166-1 alpha-2 code, e.g. YE (default: all).")
_edition = click.option(
    "--edition", default="public", show_default=True, type=click.Choice(["public", "internal"]),
    help="public: published, non-confidential cases; internal: all verified cases.",
)  # fmt: skip


@report_cli.command("stats")
@_year
@_country
@_edition
def report_stats(year, country, edition):
    """Print every figure of the yearly report as JSON (the same JSON as the API)."""
    import json

    from reports.statistics import compute

    click.echo(json.dumps(compute(_scope(year, country, edition)), ensure_ascii=False, indent=2))


@report_cli.command("annual")
@_year
@_country
@_edition
@click.option("--lang", required=True, type=click.Choice(["ar", "en"]))
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, writable=True, path_type=Path))
def report_annual(year, country, edition, lang, out):
    """Build the yearly PDF report into OUT (written whole, or not at all)."""
    from flask import current_app

    from reports.builds import held_incident_ids, write_report
    from reports.statistics import quality_warnings
    from tracker.public import operations as public_operations

    scope = _scope(year, country, edition)
    held = held_incident_ids(scope) if scope.public else None
    for warning in quality_warnings(scope):  # before the build, so that they can still be fixed
        click.echo(f"Warning: {warning[f'message_{lang}']}", err=True)
    with click.progressbar(length=100, label=f"Report {year} {lang} {edition}", file=sys.stderr) as bar:
        done = [0]

        def progress(fraction: float, _step: str) -> None:
            bar.update(int(fraction * 100) - done[0])
            done[0] = int(fraction * 100)

        size = write_report(scope, lang, out, current_app.config, progress=progress)
    if held is not None:  # recorded, so that the file is marked withdrawn when a case in it leaves the public
        with transaction():
            public_operations.register_file("report", str(out.resolve()), held, year=year, lang=lang)
    click.echo(f"Wrote {out} ({size // 1024} KiB)")


@incidents_cli.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check everything and report; write nothing.")
@click.option("--mapping", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="JSON column mapping for files in another layout.")  # fmt: skip
@click.option(
    "--lang", default="en", show_default=True, type=click.Choice(["ar", "en"]), help="Language of messages."
)
@click.option("--no-geocode", is_flag=True, help="Do not fill missing coordinates from the gazetteer.")
def import_incidents(path, dry_run, mapping, lang, no_geocode):
    """Import a CSV or XLSX file in the flat form: all rows or nothing, in one transaction."""
    import time

    from flask_babel import force_locale

    from tracker.transfer import files, operations, plan, report_text

    with force_locale(lang):
        try:
            sheet = files.read(
                path.read_bytes(), path.name, files.Mapping.load(mapping and mapping.read_text())
            )
        except files.BadFile as exc:
            raise click.ClickException(str(exc)) from exc
        started = time.perf_counter()
        try:
            with click.progressbar(length=_data_rows(path), label=_("Checking rows"), file=sys.stderr) as bar:
                report = plan.check(sheet, progress=bar.update, geocode=not no_geocode)
        except files.BadFile as exc:  # found while reading the rows (too many, unreadable)
            raise click.ClickException(str(exc)) from exc
        checked = time.perf_counter() - started
        for line in report_text.lines(report):
            click.echo(line)
        click.echo(
            _("Checked %(rows)s rows in %(seconds)s s (%(rate)s rows/s).", rows=report.rows,
              seconds=f"{checked:.1f}", rate=f"{report.rows / max(checked, 1e-9):,.0f}")
        )  # fmt: skip
        if not report.ok:
            click.echo(_("Nothing was imported: correct the errors above and import again."), err=True)
            sys.exit(1)
        if dry_run:
            click.echo(_("Dry run: nothing was written."))
            return
        actor = Actor(None, "import", f"system:import {path.name}")
        started = time.perf_counter()
        try:
            with (
                click.progressbar(length=report.rows, label=_("Importing"), file=sys.stderr) as bar,
                transaction(),
            ):
                result = operations.run_import(report, actor, progress=bar.update)
        except operations.ImportFailed as exc:
            for field, messages in exc.errors.items():
                click.echo(
                    f"row {exc.record.rows[0]} ({exc.record.ref}), {field}: {' '.join(map(str, messages))}",
                    err=True,
                )
            click.echo(_("Nothing was imported."), err=True)
            sys.exit(1)
        elapsed = time.perf_counter() - started
        click.echo(
            _("Imported in %(seconds)s s: %(created)s created, %(updated)s updated, %(unchanged)s unchanged.",
              seconds=f"{elapsed:.1f}", created=result.created, updated=result.updated, unchanged=result.unchanged)
        )  # fmt: skip


def _data_rows(path: Path) -> int:
    """Rows to expect, for the progress bar (CSV: lines; XLSX: the sheet's own dimension)."""
    if path.suffix.lower() == ".csv":
        with path.open("rb") as f:
            return max(0, sum(1 for _line in f) - 1)
    try:
        from openpyxl import load_workbook

        return max(0, (load_workbook(path, read_only=True).worksheets[0].max_row or 1) - 1)
    except Exception:  # unreadable: files.read reports it
        return 0


@incidents_cli.command("rederive")
@click.option("--batch", default=500, show_default=True, help="Incidents per transaction.")
def rederive(batch):
    """Store every incident's derived columns again (public place and governorate, headline type,
    search text), e.g. after a gazetteer update. Runs as a job (on the workers when REDIS_URL is
    set) and waits for it; all of it is written, or nothing."""
    from tracker.jobs import commands

    if batch < 1:
        raise click.BadParameter("must be at least 1", param_hint="--batch")
    job = commands.run_and_wait("incidents.rederive", {"batch": batch}, "Incidents")
    commands.echo_end(job)
    click.echo(f"{job.result['read']} incidents read, {job.result['changed']} changed.")


@incidents_cli.command("export")
@click.option("--format", "fmt", required=True, type=click.Choice(["csv", "xlsx", "geojson", "json"]))
@click.option("--edition", required=True, type=click.Choice(["public", "internal"]))
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--country", default=None, help="Only these countries (ISO codes, comma-separated).")
@click.option("--year", default=None, type=int)
def export_incidents(fmt, edition, out, country, year):
    """Export incidents (public edition: exactly the public API's download, redacted)."""
    from tracker.public import formats
    from tracker.public import queries as public_queries
    from tracker.transfer import exports, operations, queries

    countries = country.upper().split(",") if country else None
    if edition == "public":
        filters = {"country": countries, "year_from": year, "year_to": year}
        counted = _Counting(public_queries.iter_records({k: v for k, v in filters.items() if v}))
        write, _media_type = formats.DOWNLOADS[fmt]
        with out.open("wb") as f:
            for piece in write(counted):
                f.write(formats.encoded(piece))
        count = counted.count
    else:
        filters = {"country": countries, "year": year}
        with out.open("wb") as f:
            count = exports.write(queries.export_incidents(filters), fmt, f)
        with transaction():
            operations.record_export(Actor(None, "cli", "system:cli"), fmt,
                                     {k: v for k, v in filters.items() if v}, count)  # fmt: skip
    click.echo(f"Exported {count} incidents ({edition} edition) to {out}")


class _Counting:
    """An iterable that counts what went through it."""

    def __init__(self, items):
        self.items, self.count = items, 0

    def __iter__(self):
        for item in self.items:
            self.count += 1
            yield item


@incidents_cli.command("template")
@click.option("--format", "fmt", default="xlsx", show_default=True, type=click.Choice(["csv", "xlsx"]))
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path))
def import_template(fmt, out):
    """Write the import template (headers explained in Arabic and English)."""
    from tracker.transfer import template

    out.write_bytes(template.csv_bytes() if fmt == "csv" else template.xlsx_bytes())
    click.echo(f"Template written to {out}")


@map_cli.command("downloads")
def build_downloads():
    """Build the full public downloads (CSV, XLSX, GeoJSON, JSON) served as static files."""
    from tracker.maps import operations as map_operations
    from tracker.public import downloads

    with click.progressbar(length=1, label="Rows", file=sys.stderr) as bar:

        def progress(done, total, message=None):
            bar.length = total
            bar.update(done - bar.pos)

        build = downloads.build_full(progress)
    if build is None:
        click.echo("A newer build of the full public downloads ended first: it is the one served.")
    else:
        map_operations.public_files_rebuilt()
        click.echo(f"Built the full public downloads (build {build}) in {downloads.root() / str(build)}")


@map_cli.command("export")
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write the static map into (created if needed).",
)
@click.option("--site-url", default="", help="Address of the public site, for the links to incident pages.")
def export_map(out, site_url):
    """Write a static, embeddable copy of the public map (HTML + data) into OUT."""
    from tracker.maps.export import export
    from tracker.public import operations as public_operations
    from tracker.public.queries import public_ids

    held = public_ids()  # recorded, so that the copy is marked withdrawn when one of them leaves the public
    counts = export(out, site_url)
    with transaction():
        public_operations.register_file("map_export", str(out.resolve()), held)
    click.echo(
        f"Exported the public map ({counts['incidents']} incidents, {counts['zoom_levels']} zoom levels) to {out}"
    )


@public_cli.command("prepare")
@click.option("--if-missing", is_flag=True, help="Only if nothing was ever prepared (a first start).")
def prepare_public(if_missing):
    """Compute the public data (map points, statistics) once and make it current for every web process."""
    from tracker.maps import operations as map_operations
    from tracker.maps import prepared

    started = time.perf_counter()
    if if_missing:
        prepared.ensure()
    else:
        map_operations.rebuild_prepared(wait=True)
    state = prepared.store().state()
    click.echo(f"Public data prepared: version {state.version} ({time.perf_counter() - started:.1f} s)")


@public_cli.command("check-names")
def check_public_names():
    """List the public cases whose public texts name a person protected in another case (published
    before the rule, or naming a person protected since): their references and fields, never the
    names. Exit status 1 when there is one."""
    from tracker.public import queries as public_queries

    def progress(done, total):
        click.echo(f"\r{done:,} / {total:,} public cases read", nl=False, err=True)

    found = public_queries.naming_protected_elsewhere(progress)
    click.echo("", err=True)
    for ref, fields in found:
        click.echo(f"{ref}: {', '.join(fields)}")
    if found:
        click.echo(f"{len(found)} public case(s) name a person protected in another case: edit them, or unpublish.",
                   err=True)  # fmt: skip
        raise SystemExit(1)
    click.echo("No public case names a person protected in another case.")


@intake_cli.command("extract")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--published-on",
    "published_on",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="The article's publication date (YYYY-MM-DD): relative dates are resolved against it.",
)
@click.option("--url", default=None, help="Where the article was published.")
@click.option(
    "--lang",
    type=click.Choice(["ar", "en"]),
    default=None,
    help="The article's language (guessed if not given).",
)
def intake_extract(file, published_on, url, lang):
    """Print the proposals for the incidents FILE reports, as JSON (an empty list when none)."""
    import json

    from tracker.intake import queries
    from tracker.intake.html import html_to_text

    raw = file.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise click.BadParameter("the file is not UTF-8 text", param_hint="FILE") from None
    if file.suffix.lower() in (".html", ".htm"):
        text = html_to_text(text)
    proposals = queries.propose(text, published_on.date() if published_on else None, url, lang)
    click.echo(json.dumps(queries.as_json(proposals), ensure_ascii=False, indent=2))


@audit_cli.command("verify")
def audit_verify():
    """Re-hash the whole audit chain; name the first entry that does not fit (exit 1)."""
    import time

    from tracker.audit.queries import verify_chain

    started = time.perf_counter()
    report = verify_chain()
    elapsed = time.perf_counter() - started
    if not report.ok:
        where = (
            f"entry id {report.broken_id} (position {report.broken_seq})"
            if report.broken_id
            else "chain head"
        )
        click.echo(f"BROKEN at {where}: {report.problem}", err=True)
        click.echo(f"{report.entries} entries read in {elapsed:.2f} s.", err=True)
        sys.exit(1)
    click.echo(f"OK: {report.entries} entries, head {report.head_hash} ({elapsed:.2f} s).")


@audit_cli.command("anchor")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Also write the JSON here.")
def audit_anchor(out):
    """Print the chain's head hash signed with the Ed25519 key in AUDIT_SIGNING_KEY_FILE (JSON).
    Keep the output somewhere else (mail it, print it): the chain up to it can then be proven."""
    import json

    from flask import current_app

    from tracker.audit import signing
    from tracker.audit.queries import head
    from tracker.core.db import utcnow

    key_file = current_app.config.get("AUDIT_SIGNING_KEY_FILE")
    if not key_file:
        raise click.ClickException(
            "AUDIT_SIGNING_KEY_FILE is not set (create a key with `flask audit keygen`)."
        )
    seq, head_hash = head()
    anchor = signing.sign_head(Path(key_file).read_bytes(), seq, head_hash)
    anchor["at"] = utcnow().isoformat()
    text = json.dumps(anchor, indent=2)
    if out:
        out.write_text(text + "\n")
    click.echo(text)


@audit_cli.command("keygen")
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
def audit_keygen(out):
    """Write a new Ed25519 private key (PEM, readable by the owner only) to OUT."""
    from tracker.audit import signing

    if out.exists():
        raise click.ClickException(f"{out} exists: not overwritten")
    out.write_bytes(signing.new_private_key())
    out.chmod(0o600)
    click.echo(f"Key written to {out}; set AUDIT_SIGNING_KEY_FILE={out}")


@evidence_cli.command("verify")
def evidence_verify():
    """Re-hash every stored original; list those missing or changed (exit 1 if any)."""
    import time

    from tracker.evidence.queries import stored_originals, verify_originals

    total = sum(1 for _ in stored_originals())
    started = time.perf_counter()
    with click.progressbar(length=total, label="Originals", file=sys.stderr) as bar:
        report = verify_originals(progress=bar.update)
    elapsed = time.perf_counter() - started
    for sha256 in report.missing:
        click.echo(f"MISSING {sha256}", err=True)
    for sha256 in report.mismatched:
        click.echo(f"MISMATCH {sha256} (the stored file no longer has this hash)", err=True)
    summary = (f"{report.checked} originals, {report.bytes / 1e6:.1f} MB checked in {elapsed:.2f} s: "
               f"{len(report.missing)} missing, {len(report.mismatched)} changed.")  # fmt: skip
    if not report.ok:
        click.echo(summary, err=True)
        sys.exit(1)
    click.echo(f"OK: {summary}")


@keys_cli.command("new")
def keys_new():
    """Print a new key line (id:base64). Put it FIRST in ENCRYPTION_KEYS (or the key file), keep the
    old ones after it, run `flask keys rotate`, then remove the old ones."""
    from tracker.core.crypto import new_key_line

    click.echo(new_key_line())


@keys_cli.command("rotate")
@click.option("--batch", default=500, show_default=True, help="Rows per transaction.")
def keys_rotate(batch):
    """Re-encrypt every protected value with the current (first) key: TOTP secrets, confidential
    notes, internal sources, protected victims' names, and rebuild the blind index of protected
    names; seal any clear legacy value. Commits batch by batch and prints its progress: it can be
    stopped and run again (what is done is skipped). Works while old and new keys are both
    configured; remove the old key once it has finished (audit entries keep the key they were
    written with: keep an old key after the new one while the history should still show them)."""
    from tracker.auth import operations as auth_operations
    from tracker.cases import operations as case_operations
    from tracker.people import operations as people_operations

    actor = Actor(None, "cli", "system:keys-rotate")
    with transaction():
        count = auth_operations.reseal_secrets(actor)
    click.echo(f"Accounts: {count} values re-encrypted with the current key.")
    for label, reseal in (("Journalists", people_operations.reseal_journalists),
                          ("Incidents", case_operations.reseal_incidents)):  # fmt: skip
        after, read, changed = 0, 0, 0
        while True:
            with transaction():
                after, seen, done = reseal(after, batch, actor)
            read, changed = read + seen, changed + done
            if not seen:
                break
            click.echo(f"{label}: {read} read, {changed} re-encrypted (up to id {after}).")
        click.echo(f"{label}: done, {changed} of {read} re-encrypted with the current key.")


_passphrase = click.option("--passphrase-stdin", is_flag=True, help="Read a passphrase from standard input.")


@backup_cli.command("create")
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@_passphrase
def backup_create(out, passphrase_stdin):
    """Write a consistent backup (database, evidence store, manifest of hashes) to OUT while the
    app keeps running; encrypted to a passphrase with --passphrase-stdin."""
    from tracker.backup import operations as backup

    passphrase = sys.stdin.readline().rstrip("\n") if passphrase_stdin else None
    try:
        manifest = backup.create(out, passphrase)
    except backup.BackupError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Backup written to {out}{' (encrypted)' if passphrase else ''}: {backup.describe(manifest)}.")


@backup_cli.command("restore")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_passphrase
def backup_restore(source, passphrase_stdin):
    """Restore SOURCE into this instance (its database must be empty). Then run
    `flask audit verify` and `flask evidence verify`."""
    from tracker.backup import operations as backup

    passphrase = sys.stdin.readline().rstrip("\n") if passphrase_stdin else None
    try:
        manifest = backup.restore(source, passphrase)
    except backup.BackupError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Restored {backup.describe(manifest)}.")


def register(app: Flask) -> None:
    from tracker.jobs import commands as job_commands

    app.cli.add_command(job_commands.worker_command)
    app.cli.add_command(job_commands.jobs_cli)
    app.cli.add_command(backup_cli)
    app.cli.add_command(keys_cli)
    app.cli.add_command(audit_cli)
    app.cli.add_command(evidence_cli)
    app.cli.add_command(intake_cli)
    app.cli.add_command(incidents_cli)
    app.cli.add_command(users_cli)
    app.cli.add_command(demo_cli)
    app.cli.add_command(geo_cli)
    app.cli.add_command(report_cli)
    app.cli.add_command(map_cli)
    app.cli.add_command(public_cli)
