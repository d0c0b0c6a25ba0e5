"""The catalogue of problem codes.

Codes are stable: once published, a code keeps its meaning, so contributors
can search for it (in the README's table, the docs and past pull requests).
Ranges: CS0xx usage, CS1xx files, CS2xx claims, CS3xx sources and the dataset
as a whole, CS4xx coverage, CS5xx version policy, CS6xx releases and downloads,
CS85x the static site and ``claimset serve``.
"""

from __future__ import annotations

from enum import StrEnum

import attrs


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"


@attrs.frozen
class ProblemType:
    code: str
    title: str
    severity: Severity
    hint: str


def _type(code: str, title: str, hint: str, severity: Severity = Severity.ERROR) -> ProblemType:
    return ProblemType(code=code, title=title, severity=severity, hint=hint)


CATALOGUE: dict[str, ProblemType] = {
    problem.code: problem
    for problem in [
        _type("CS001", "usage", "check the command's --help"),
        _type("CS101", "invalid JSON", "fix the JSON syntax at the position shown"),
        _type("CS102", "duplicate key", "keep one of the two keys; JSON objects need unique keys"),
        _type("CS103",
              "non-finite number", "NaN and Infinity are not JSON: write a finite number or null"),
        _type("CS104", "schema violation", "see schema/claimset.schema.json for the field's rules"),
        _type("CS105", "not in canonical form", "run `claimset fmt` to rewrite the file",
              Severity.WARNING),
        _type("CS106", "file too large", "split the data or raise the limit deliberately"),
        _type("CS107", "not UTF-8 text", "save the file as UTF-8 without a byte order mark"),
        _type("CS108",
              "nested too deeply", "JSON data in claimset is never more than a few levels deep"),
        _type("CS109", "file not readable", "check the path and its permissions"),
        _type("CS110", "not a text file", "give a UTF-8 text file"),
        _type("CS111", "not a regular file",
              "claimset reads only regular files: replace the FIFO, device, socket, directory "
              "or symlink with the file itself"),
        _type("CS112", "will not replace a non-regular file",
              "write to a regular file's path (or a new one): a device, FIFO, directory or "
              "symlink is never replaced"),
        _type("CS113", "path leaves the repository",
              "dataset/ and seeds/ must be real folders of the checkout, and ids plain names"),
        _type("CS114", "checkout is locked",
              "another claimset command is writing this checkout: wait for it, or remove a "
              "stale .claimset.lock"),
        _type("CS115", "offset not a whole number",
              "offsets and lengths are whole numbers: write 2711, not 2711.0 or 2.711e3"),
        _type("CS116", "number out of range",
              "a value, lower or upper bound is at most 1e300 in size"),
        _type("CS117", "too many numbers in one text",
              "claimset extracts at most 200,000 numbers from one text: split the source"),
        _type("CS118", "release shard listed twice",
              "a manifest lists each shard once (by name and by sha256): rebuild the release"),
        _type("CS119", "release too large",
              "a release's shards hold at most 4 GiB in all (core/limits.py): split the "
              "dataset"),
        _type("CS120", "quote search limit reached",
              "give the annotations TextPositionSelectors that match the text, or split the "
              "file"),
        _type("CS121", "wrong argument",
              "pass the types the function's documentation names"),
        _type("CS140", "re-anchoring would orphan claims",
              "nothing was written: fix the orphaned claims by hand (or retract them), or write "
              "anyway with --allow-orphans, which marks them for review"),
        _type("CS141", "output is an input",
              "claimset never writes onto a file the run reads, nor where it would read its "
              "output back: write the output elsewhere"),
        _type("CS142", "output path leads through a symlink",
              "a directory on the way to the output is a symlink inside the checkout or the "
              "current directory (or the output directory is one): give the real directory"),
        _type("CS143", "output is being written by another run",
              "another claimset run holds the output's lock (.NAME.lock beside it): wait for "
              "it to finish, or write elsewhere"),
        _type("CS201", "quote does not match the text", "fix the quote's offsets or its text"),
        _type("CS202", "figure does not match the text", "fix the figure's offsets or its text"),
        _type("CS203", "offset out of range", "offsets must lie within the source's length"),
        _type("CS204", "empty or inverted span", "start must be smaller than end"),
        _type("CS205", "figure outside its quote", "the figure's span must lie inside the quote's"),
        _type("CS206", "value does not match the figure",
              "set value to the number the figure's words say"),
        _type("CS207", "figure is not a number", "the figure must be the number's own words"),
        _type("CS208", "bounds out of order", "need lower <= value <= upper"),
        _type("CS209", "duplicate claim id", "claim ids are unique across the dataset"),
        _type("CS210", "claim id not of its source", "claim ids start with '<source-id>/'"),
        _type("CS211", "bounds do not match the figure",
              "a range's lower and upper must be the numbers its words say"),
        _type("CS213", "bounds do not fit the qualifier",
              "at least/more than carry lower, at most/up to/less than/nearly carry upper"),
        _type("CS214", "qualifier does not match the text",
              "use the qualifier the words before the figure say"),
        _type("CS215", "unit does not match the figure",
              "a currency, percent or multiplier unit is the one the figure states"),
        _type("CS212", "claim needs review", "check the claim, then delete its 'review' field",
              Severity.WARNING),
        _type("CS216", "claim has unconfirmed drafts",
              "check each field its 'drafted' names against the text, fix it if need be, then "
              "remove the name (`claimset confirm CLAIM_ID FIELD`)", Severity.WARNING),
        _type("CS217", "exclusion has unconfirmed drafts",
              "check the reason (and note) against the text, then remove the name from "
              "'drafted' (`claimset confirm SOURCE_ID@START FIELD`)", Severity.WARNING),
        _type("CS218", "'drafted' names no field of the record",
              "remove from 'drafted' the names of fields the record does not hold, and an "
              "empty 'drafted'", Severity.WARNING),
        _type("CS220", "quote is not whole sentences",
              "widen the quote to its sentence(s), or mark it an excerpt with 'excerpt' "
              "saying what it leaves out"),
        _type("CS221", "excerpt drops a reporting frame",
              "widen the quote to include the frame that says whose figure it is"),
        _type("CS222", "excerpt drops a negation or hedge",
              "widen the quote to include the words that change what the figure says"),
        _type("CS223", "excerpt marker on whole sentences", "delete 'excerpt'",
              Severity.WARNING),
        _type("CS224", "reported figure given as the author's",
              "name whose figure it is in 'attribution' (stance attributed, quoted or "
              "hypothetical), or say in 'adopted' why the author takes it as his own"),
        _type("CS225", "attribution does not name the frame's speaker",
              "name who the text says reports the figure", Severity.WARNING),
        _type("CS226", "quote points back outside itself",
              "start the quote at the sentence it points to, or say in 'refers' what the "
              "words refer to", Severity.WARNING),
        _type("CS227", "'refers' names words the quote does not hold",
              "give the quote's own words", Severity.WARNING),
        _type("CS228", "prose states what the text does not",
              "correct the field, or list the words in 'added' with why you add them",
              Severity.WARNING),
        _type("CS229", "'added' lists words no field says",
              "delete the entry, or write the words where they are added", Severity.WARNING),
        _type("CS230", "'adopted' without a reporting frame", "delete 'adopted'",
              Severity.WARNING),
        _type("CS301", "seed file missing", "add the seed file or fix the source's path"),
        _type("CS302", "seed path outside seeds/", "source paths must stay inside seeds/"),
        _type("CS303", "seed not UTF-8 text", "pin a UTF-8 text file without BOM or NUL bytes"),
        _type("CS304", "sha256 mismatch", "the pinned text changed: restore it, or re-anchor"),
        _type("CS305", "length mismatch", "set length to the text's length in code points"),
        _type("CS306", "source has no dataset file", "add dataset/<source-id>.json"),
        _type("CS307", "dataset file not in the index", "list the source id in dataset/index.json"),
        _type("CS308",
              "source id does not match file name", "name the file dataset/<source-id>.json"),
        _type("CS309", "index missing", "add dataset/index.json"),
        _type("CS310", "not a dataset", "give a checkout, a dataset directory or a bundle"),
        _type("CS311", "duplicate source", "each source appears once"),
        _type("CS401",
              "uncovered number", "add a claim or an exclusion for it (`claimset suggest`)"),
        _type("CS402", "exclusion does not match the text",
              "fix the exclusion's offsets or its text"),
        _type("CS403", "figure not found by the extractor", "nothing to do if the figure is right",
              Severity.NOTE),
        _type("CS404", "exclusion reason does not fit", "choose the reason that fits the number"),
        _type("CS405", "exclusion is not a number the extractor finds",
              "remove the stale exclusion", Severity.WARNING),
        _type("CS406", "exclusion hides a counted figure",
              "'not a quantity' and 'rhetorical' do not fit a count, amount or percent: cite "
              "it as a claim, or give the exclusion a note saying why"),
        _type("CS407", "exclusion on a claim's figure",
              "a number is a claim or an exclusion, not both: remove the exclusion"),
        _type("CS408", "'not a quantity' on a count",
              "'not a quantity' is only 'one' as a pronoun or an article: cite a count as a "
              "claim, or exclude it as 'rhetorical' or 'quoted speech'"),
        _type("CS409", "'quoted speech' outside a quotation", "choose the reason that fits",
              Severity.WARNING),
        _type("CS410", "'name or title' beside no name", "choose the reason that fits",
              Severity.WARNING),
        _type("CS411", "exclusion note states what the text does not",
              "correct the note, or list the words in 'added' with why you add them",
              Severity.WARNING),
        _type("CS412", "'added' lists words the note does not say",
              "delete the entry, or write the words where they are added", Severity.WARNING),
        _type("CS501", "version not bumped enough", "bump dataset/index.json's version as stated"),
        _type("CS502",
              "changelog entry missing", "add the version's entry to dataset/CHANGELOG.md"),
        _type("CS503", "base revision not readable", "give a revision git knows (fetch it first)"),
        _type("CS504", "version went backwards", "versions only increase"),
        _type("CS505", "retraction names the wrong version",
              "a claim retracted now names the version being released"),
        _type("CS506", "base revision too large",
              "a base revision's file or its dataset as a whole is over claimset's limits: "
              "compare against another revision"),
        _type("CS507", "exclusion added", "a reviewer checks that each new exclusion is right",
              Severity.WARNING),
        _type("CS701", "relation does not hold",
              "fix the relation's figure or the figures it names"),
        _type("CS702", "relation names an unknown claim",
              "fix the id, or use null for a figure the text does not give"),
        _type("CS703", "relation names a retracted claim",
              "relate the claim that replaced it",
              Severity.WARNING),
        _type("CS704", "relation mixes units",
              "a sum or difference relates figures of one unit"),
        _type("CS705", "relation's figure does not fit its qualifier",
              "set value, lower and upper as for a claim; give 'of' as many ids as the kind needs"),
        _type("CS706", "relation cannot be decided",
              "it holds at the figures given but their hedges admit values where it does not: "
              "check it by hand",
              Severity.NOTE),
        _type("CS710", "sources disagree on a quantity",
              "the claims' intervals do not overlap: check each against its text (sources do "
              "disagree)",
              Severity.WARNING),
        _type("CS711", "quantity cannot be compared",
              "its claims have different units or periods that do not nest: fix the key or the "
              "claims",
              Severity.NOTE),
        _type("CS712", "quantity mixes dimensions",
              "its claims' physical units measure different things (a length and a mass): "
              "fix the key or the claims' units"),
        _type("CS713", "relation mixes dimensions",
              "the figures it names are physical quantities of different dimensions: relate "
              "figures of one dimension"),
        _type("CS601", "download failed", "check the address and the network, or use the cache"),
        _type("CS602", "checksum mismatch", "the download was corrupted or tampered with: retry"),
        _type("CS603", "version not found", "see `claimset download --list` for versions"),
        _type("CS604", "offline and not cached", "download it once while online"),
        _type("CS605", "release already registered",
              "a released version never changes: bump the dataset's version"),
        _type("CS606", "registry not readable", "restore claimset/registry.json or fix "
              "CLAIMSET_REGISTRY"),
        _type("CS608", "download address not http(s)",
              "give an http or https base URL (--base-url or CLAIMSET_BASE_URL)"),
        _type("CS609", "too many redirects", "the server redirects in a loop: check the base URL"),
        _type("CS610", "cache directory not usable",
              "give a writable directory (--cache-dir or CLAIMSET_CACHE)"),
        _type("CS611", "download longer than the release",
              "the server sent more than the registry's size: it is not the release"),
        _type("CS612", "download deadline passed",
              "try again later, or set CLAIMSET_DOWNLOAD_DEADLINE for a slow network"),
        _type("CS607", "dataset fails its checks",
              "a release is built only from a dataset that loads: run `claimset validate`"),
        _type("CS613", "release refuses unconfirmed drafts",
              "a release holds only what people confirmed: review each record `claimset "
              "validate` reports as CS216 or CS217, then build again"),
        _type("CS614", "bundle holds unconfirmed drafts",
              "a released bundle never holds machine drafts: rebuild it from a dataset whose "
              "records a person confirmed"),
        _type("CS801", "pandas not installed", "pip install 'claimset[pandas]'"),
        _type("CS802", "number too large for a float column",
              "such a number cannot be a pandas Float64 value: use to_records()"),
        _type("CS803", "sqlite-utils not installed", "pip install 'claimset[sqlite]'"),
        _type("CS804", "base URI not usable",
              "give an absolute http(s) IRI without query or fragment"),
        _type("CS805", "pyld not installed", "pip install 'claimset[w3c]'"),
        _type("CS806", "too many annotations", "split the annotations into several files"),
        _type("CS807", "no annotations on the source",
              "give W3C annotations whose targets are the source (its URL or urn:sha256)"),
        _type("CS808", "JSON-LD not readable offline",
              "compact the annotations with http://www.w3.org/ns/anno.jsonld"),
        _type("CS630", "release shard missing",
              "download every file of the release into one directory"),
        _type("CS631", "release shard does not match the manifest",
              "the shard was damaged or changed: download it again"),
        _type("CS632", "unsafe release shard name",
              "a shard is a plain file beside the manifest: rebuild the release"),
        _type("CS633", "not a release shard", 'a shard is {"sources": [...]} with as many '
              "sources as the manifest says: rebuild the release"),
        _type("CS634", "release too large to shard",
              "split the largest sources: each must fit one 64 MiB file"),
        _type("CS870", "krippendorff not installed",
              "pip install 'claimset[agree]' (Krippendorff's alpha for `claimset agree`)"),
        _type("CS871", "curations pin different texts",
              "two curations compare only on the same text: re-anchor one onto the other's "
              "text first (`claimset reanchor`)"),
        _type("CS872", "no source in common",
              "give two curations of the same source (files, checkouts or git revisions), "
              "or name it with --source"),
        _type("CS873", "not a curation",
              "give a source's dataset file (dataset/x.json), a checkout, dataset directory or "
              "bundle, or a git revision that has a dataset"),
        _type("CS874", "source cannot be triaged",
              "its dataset file or its text cannot be read: run `claimset validate` and fix "
              "what it reports first"),
        _type("CS901", "JSONL document not readable",
              'a corpus JSONL line is one object: {"id": "...", "text": "..."}'),
        _type("CS902", "cannot resume", "the journal is of another run or the corpus changed: "
              "run without --resume to start over"),
        _type("CS903", "optional extra not installed",
              "pip install 'claimset[dask]' (or [parquet]) for this option"),
        _type("CS904", "Dask scheduler not reachable",
              "check the --scheduler address, or leave it out for a LocalCluster"),
        _type("CS905", "no documents in a directory", "give --glob to match its files"),
        _type("CS910", "grammar cache misconfigured",
              "CLAIMSET_CACHE_DIR must lie outside the data and CLAIMSET_CACHE_MAX_MB be a "
              "size in MB; or turn the cache off with --no-cache or CLAIMSET_NO_CACHE=1"),
        _type("CS850", "site needs Jinja2",
              "pip install 'claimset[site]', or build without it: `claimset build --no-site`"),
        _type("CS851", "site directory not replaceable",
              "the target is not a site claimset wrote: move it away or pick another --out"),
        _type("CS852", "not a site claimset built",
              "give a checkout, a dataset directory, a bundle or a site from `claimset build`"),
        _type("CS853", "port not usable", "pick another with --port (0 picks a free one)"),
        _type("CS854", "source id cannot name a page",
              "source ids are lower-case letters, digits and single hyphens"),
    ]
}


def problem_type(code: str) -> ProblemType:
    """The catalogue entry for ``code``; a KeyError means a programming error."""
    return CATALOGUE[code]
