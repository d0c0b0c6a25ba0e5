"""The dataset's version policy: what a change demands of dataset/index.json's version.

Consumers cite claims by id and read their values, so:

* a claim removed, an id renamed, or a value, unit, qualifier or bound changed
  breaks them: a **major** bump;
* claims or sources added, and claims retracted (kept, with a reason): **minor**;
* offsets, quotes, measures, exclusions or metadata corrected: **patch**;
* no data change: no bump needed.

A bumped version needs its entry in dataset/CHANGELOG.md, and a version never
goes backwards.  This governs the dataset's semver, not the Python package's.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import attrs

from claimset.contrib.diff import ClaimChange, DatasetDiff, Snapshot, as_snapshot, diff
from claimset.core.problems import Problem
from claimset.core.semver import Version

#: Claim fields whose change alters what consumers compute with.
MEANING_FIELDS = ("value", "unit", "qualifier", "lower", "upper")

#: How many claim ids a message names before saying "and N more".
_NAMED = 5


class Bump(enum.IntEnum):
    NONE = 0
    PATCH = 1
    MINOR = 2
    MAJOR = 3

    @property
    def label(self) -> str:
        return self.name.lower()


@attrs.frozen(kw_only=True)
class Reason:
    """Why a bump is needed: what changed, and the claims (or sources) concerned."""

    level: Bump
    what: str
    items: tuple[str, ...] = ()

    def describe(self, *, item: Callable[[str], str] = str) -> str:
        """What changed and the first claims concerned, each shown by ``item`` (a
        Markdown code span for a job summary: an id is data)."""
        if not self.items:
            return self.what
        named = ", ".join(item(name) for name in self.items[:_NAMED])
        more = f" and {len(self.items) - _NAMED} more" if len(self.items) > _NAMED else ""
        return f"{self.what}: {named}{more}"


def bumped(version: Version, level: Bump) -> str:
    """The next version at ``level``: 1.2.3 -> 2.0.0, 1.3.0 or 1.2.4."""
    if level is Bump.MAJOR:
        return f"{version.major + 1}.0.0"
    if level is Bump.MINOR:
        return f"{version.major}.{version.minor + 1}.0"
    if level is Bump.PATCH:
        return f"{version.major}.{version.minor}.{version.patch + 1}"
    return version.text


def bump_between(old: Version, new: Version) -> Bump:
    """The bump ``old`` -> ``new`` makes (call only when ``new`` does not precede ``old``).

    A pre-release moving on within its own version (2.0.0-rc.1 -> 2.0.0-rc.2 or
    2.0.0) is still preparing that version, which semver lets change freely,
    so it satisfies any requirement.
    """
    if old.prerelease and old.core == new.core and old != new:
        return Bump.MAJOR
    if new.major != old.major:
        return Bump.MAJOR
    if new.minor != old.minor:
        return Bump.MINOR
    if new.patch != old.patch or new.prerelease != old.prerelease:
        return Bump.PATCH
    return Bump.NONE


# -- what a change needs -------------------------------------------------------------------


def _claim_reasons(change: ClaimChange) -> Iterator[tuple[Bump, str]]:
    if change.kind == "added":
        yield Bump.MINOR, "claims added"
        return
    if change.kind == "removed":
        yield Bump.MAJOR, "claims removed (keep them and mark them retracted instead)"
        return
    if change.kind == "renamed":
        yield Bump.MAJOR, "claim ids renamed (ids are what consumers cite)"
    meaning = [name for name in MEANING_FIELDS if change.changed(name) is not None]
    if meaning:
        yield Bump.MAJOR, f"{'/'.join(meaning)} changed (retract the claim and add a new one " \
                          "instead)"
    retraction = change.changed("retracted")
    if retraction is not None:
        if retraction.field == "retracted" and retraction.old is None:
            yield Bump.MINOR, "claims retracted"
        elif retraction.field == "retracted" and retraction.new is None:
            yield Bump.MINOR, "retractions withdrawn"
        else:
            yield Bump.PATCH, "retraction details corrected"
    rest = [item.field for item in change.fields
            if item.field.partition(".")[0] not in (*MEANING_FIELDS, "retracted", "id")]
    if rest:
        yield Bump.PATCH, "offsets, quotes, measures or metadata corrected"


def reasons(changes: DatasetDiff) -> tuple[Reason, ...]:
    """Every reason for a bump in ``changes``, strongest first."""
    grouped: dict[tuple[Bump, str], list[str]] = {}

    def add(level: Bump, what: str, item: str | None = None) -> None:
        items = grouped.setdefault((level, what), [])
        if item is not None and item not in items:
            items.append(item)

    for source in changes.sources:
        if source.kind == "added":
            add(Bump.MINOR, "sources added", source.id)
        elif source.kind == "removed":
            add(Bump.MAJOR, "sources removed (their claims go with them)", source.id)
        else:
            add(Bump.PATCH, "source metadata or pinned text corrected", source.id)
    for change in changes.claims:
        label = change.id if change.kind != "renamed" else f"{change.old_id} → {change.id}"
        for level, what in _claim_reasons(change):
            add(level, what, _with_values(change, label) if level is Bump.MAJOR
                and change.kind == "changed" else label)
    for exclusion in changes.exclusions:
        add(Bump.PATCH, "exclusions corrected", exclusion.label)
    if changes.index:
        add(Bump.PATCH, "dataset metadata corrected",
            ", ".join(item.field for item in changes.index))
    found = [Reason(level=level, what=what, items=tuple(items))
             for (level, what), items in grouped.items()]
    return tuple(sorted(found, key=lambda reason: -reason.level))


def _with_values(change: ClaimChange, label: str) -> str:
    shown = [f"{item.field} {item.old!r} → {item.new!r}" for item in change.fields
             if item.field in MEANING_FIELDS]
    return f"{label} ({', '.join(shown)})" if shown else label


def bump_summary(changes: DatasetDiff, *, item: Callable[[str], str] = str) -> str:
    """The bump ``changes`` need, in one sentence with the reasons that force it: what
    ``claimset diff`` prints last ("needs a minor version bump: sources added: x"); each
    claim id shown by ``item`` (a Markdown code span for a job summary)."""
    why = reasons(changes)
    needed = max((reason.level for reason in why), default=Bump.NONE)
    if needed is Bump.NONE:
        return "no data changed: no version bump needed"
    forcing = "; ".join(reason.describe(item=item) for reason in why if reason.level == needed)
    return f"needs a {needed.label} version bump: {forcing}"


# -- the check ------------------------------------------------------------------------------


def changelog_has(changelog: str, version: str) -> bool:
    """Whether a Keep a Changelog file has a heading for ``version``
    (``## [1.1.0] - 2026-11-22`` or ``## 1.1.0``)."""
    heading = re.compile(r"^##[ \t]+\[?v?" + re.escape(version) + r"\]?(?:[ \t].*)?$",
                         re.MULTILINE)
    return heading.search(changelog) is not None


def check_version(old: Any, new: Any, changelog_text: str | None = None, *,
                  changelog_name: str = "dataset/CHANGELOG.md") -> list[Problem]:
    """Version-policy problems of ``new`` against the base ``old``.

    ``old`` and ``new`` are :class:`~claimset.contrib.diff.Snapshot` objects (or
    Datasets, or RawDatasets); ``old`` None means there was no dataset at the
    base.  ``changelog_text`` defaults to the new snapshot's changelog.
    Problems are located at the new index's "version" value.
    """
    before, after = as_snapshot(old, label="base"), as_snapshot(new, label="new")
    if changelog_text is None:
        changelog_text = after.changelog
    problems: list[Problem] = []
    new_text, old_text = after.version, before.version
    new_version = Version.parse(new_text) if new_text is not None else None
    if new_text is None or new_version is None:
        return problems  # the schema check reports an unreadable version
    changes = diff(before, after)
    old_version = Version.parse(old_text) if old_text is not None else None
    if old_version is not None:
        if new_version.precedes(old_version):
            return [_problem(after, "CS504", f"version went backwards: {old_text} at the base, "
                                             f"{new_text} now; set it to at least {old_text}")]
        why = reasons(changes)
        needed = max((reason.level for reason in why), default=Bump.NONE)
        made = bump_between(old_version, new_version)
        if made < needed:
            problems.append(_problem(after, "CS501", _bump_message(
                old_version, new_version, made, needed, why)))
        bumped = new_version != old_version
    else:
        bumped = bool(after.sources)  # the first release of the data
    if bumped:
        problem = _changelog_problem(after, new_text, changelog_text, changelog_name)
        if problem is not None:
            problems.append(problem)
    if bumped:  # before the bump, which version a retraction should name is not known
        problems.extend(_retraction_problems(changes, after, new_text))
    return problems


def _bump_message(old: Version, new: Version, made: Bump, needed: Bump,
                  why: Iterable[Reason]) -> str:
    forcing = [reason.describe() for reason in why if reason.level == needed]
    change = (f"version {old.text} is unchanged" if made is Bump.NONE
              else f"version {old.text} → {new.text} is a {made.label} bump")
    return (f"{change}, but the data changes need a {needed.label} bump (at least "
            f"{bumped(old, needed)}): " + "; ".join(forcing)
            + "; then add its entry to dataset/CHANGELOG.md")


def _changelog_problem(after: Snapshot, version: str, changelog: str | None,
                       name: str) -> Problem | None:
    if changelog is None:
        return _problem(after, "CS502", f"version {version} needs an entry in {name}, which is "
                                        f"missing: add it with a heading '## [{version}] - "
                                        "YYYY-MM-DD' (Keep a Changelog)")
    if changelog_has(changelog, version):
        return None
    return _problem(after, "CS502", f"{name} has no entry for version {version}: add a heading "
                                    f"'## [{version}] - YYYY-MM-DD' saying what changed")


def _retraction_problems(changes: DatasetDiff, after: Snapshot,
                         version: str) -> Iterator[Problem]:
    for change in changes.claims:
        field = change.changed("retracted")
        if field is None or change.ref is None or not isinstance(change.claim, dict):
            continue
        retracted = change.claim.get("retracted")
        stated = retracted.get("version") if isinstance(retracted, dict) else None
        if stated is None or stated == version or field.old is not None:
            continue
        located = after.files.get(change.ref.source)
        message = (f"claim {change.id} is retracted in this version ({version}) but its "
                   f"retraction says version {stated!r}: set it to {version!r}")
        if located is None:
            yield Problem(code="CS505", message=message, pointer=None)
        else:
            file, prefix = located
            yield file.problem("CS505", message,
                               f"{prefix}/claims/{change.ref.position}/retracted/version")


def _problem(after: Snapshot, code: str, message: str) -> Problem:
    if after.index_file is None:
        return Problem(code=code, message=message, file="dataset/index.json",
                       pointer="/version")
    return after.index_file.problem(code, message, after.index_pointer + "/version")
