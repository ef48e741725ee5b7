"""Field rules: a case's front matter, key by key, as its schema declares it.

Each kind of field (``brobyg/schema/types.py``) has one check here; each
field of the case schema has one rule (one code) for everything wrong
with its value. Another front-matter collection (meetings, say) declares
its rules here too, adds them to ``COLLECTION_RULES`` and ``FIELD_RULES``,
and calls ``check_fields`` with its schema.
"""

from __future__ import annotations

import datetime as dt
import re

from brobyg.load.frontmatter import Y, is_date
from brobyg.problems import Related
from brobyg.schema import cases
from brobyg.schema.types import Choice, Collection, Contact, Date, Field, Flag, Names, Period, Ref, RefList, Text
from brobyg.validate.rules.base import ERROR, Rule, case_example
from brobyg.validate.rules.context import FileContext
from brobyg.validate import habits
from brobyg.validate.rules.base import did_you_mean

FAMILY_TITLE = "Felter i en case"

CASE_UNKNOWN_KEY = Rule(
    "CASE-UNKNOWN-KEY", ERROR, "Ukendt felt",
    what="Front matter har et felt, som en case ikke kender, ofte en stavefejl som 'summery' eller 'theme'.",
    why="Et ukendt felt bliver ikke vist nogen steder, så det, der står i det, går tabt.",
    fix="Ret stavningen (meddelelsen foreslår det nærmeste felt), eller slet feltet. Felterne har engelske navne "
        "(titel hedder title, temaer hedder themes); står der et usynligt tegn i navnet, fx et hårdt mellemrum, "
        "siger meddelelsen hvilket.",
    bad=case_example(summary=None, summery="Et ugentligt, uforpligtende caféformat, hvor borgere kan møde foreningerne."),
    good=case_example(summary="Et ugentligt, uforpligtende caféformat, hvor borgere kan møde foreningerne."),
)
CASE_REQUIRED = Rule(
    "CASE-REQUIRED", ERROR, "Et påkrævet felt mangler",
    what="Et af de påkrævede felter mangler: title, summary, centre, themes, target_groups, visibility eller published.",
    why="Uden dem kan casen ikke vises, findes eller filtreres; uden visibility ved sitet ikke, hvem der må se den.",
    fix="Tilføj feltet som i skabelonen templates/case.md.",
    bad=case_example("(visibility mangler)", visibility=None),
    good=case_example(visibility="public"),
)
CASE_TITLE = Rule(
    "CASE-TITLE", ERROR, "Titlen er forkert",
    what=f"'title' skal være en tekst på {cases.TITLE.min_len}–{cases.TITLE.max_len} tegn.",
    why="Titlen står øverst på casen, i lister og i søgeresultater; den skal kunne læses på et øjeblik.",
    fix="Skriv en kort titel, der siger, hvad I gjorde, i stedet for skabelonens 'Skriv en kort titel'. Sæt den i "
        "almindelige anførselstegn (\"…\"), hvis den ligner et tal eller en dato eller indeholder ' #'; Words "
        "typografiske anførselstegn (“…”) kommer med i titlen og er derfor en fejl.",
    bad=case_example(title="Café"),
    good=case_example(title="Åben café som første skridt"),
)
CASE_SUMMARY = Rule(
    "CASE-SUMMARY", ERROR, "Resuméet er forkert",
    what=f"'summary' skal være almindelig tekst på {cases.SUMMARY.min_len}–{cases.SUMMARY.max_len} tegn, uden HTML, links eller Markdown.",
    why="Resuméet vises i lister og søgeresultater, hvor links og formatering ikke virker.",
    fix="Skriv en til tre sætninger almindelig tekst.",
    bad=case_example(summary="Se [vores café](https://example.org) for **mere** om caféen."),
    good=case_example(summary="Et ugentligt, uforpligtende caféformat, hvor borgere kan møde foreningerne."),
)
CASE_CENTRE = Rule(
    "CASE-CENTRE", ERROR, "Ukendt center",
    what="'centre' skal være id'et på et center i data/centres.yml.",
    why="Casen vises på centrets side og filtreres efter region; det virker kun med et kendt id.",
    fix="Skriv jeres centers id, som det står i data/centres.yml. Mangler centret, så tilføj det dér.",
    bad=case_example(centre="fjordby"),
    good=case_example(centre="frivilligcenter-fjordby"),
)
CASE_THEME = Rule(
    "CASE-THEME", ERROR, "Forkerte temaer",
    what=f"'themes' skal være en liste med {cases.THEMES.min_items}–{cases.THEMES.max_items} af netværkets seks temaer, uden gentagelser.",
    why="Temaerne er netværkets spørgsmål; casen vises på temaernes sider og i filtrene.",
    fix="Brug id'erne kendskab, matchning, vejen-ind, velkomst, tilpasning og samarbejde.",
    bad=case_example(themes="[vejen-ind, velkomsten]"),
    good=case_example(themes="[vejen-ind, velkomst]"),
)
CASE_TARGET_GROUP = Rule(
    "CASE-TARGET-GROUP", ERROR, "Forkerte målgrupper",
    what=f"'target_groups' skal være en liste med {cases.TARGET_GROUPS.min_items}–{cases.TARGET_GROUPS.max_items} id'er fra data/target-groups.yml, uden gentagelser.",
    why="Læserne filtrerer efter målgruppe; et ukendt id ville gøre casen usynlig i filteret.",
    fix="Brug id'erne fra data/target-groups.yml. Mangler en målgruppe, så foreslå den dér.",
    bad=case_example(target_groups="[ensom]"),
    good=case_example(target_groups="[ensomme]"),
)
CASE_VISIBILITY = Rule(
    "CASE-VISIBILITY", ERROR, "Ugyldig synlighed",
    what="'visibility' skal være 'public' eller 'members'.",
    why="Feltet afgør, om casen kommer på det offentlige site; der er ingen standardværdi, så ingen case bliver offentlig ved en fejl.",
    fix="Skriv 'public' (alle kan se casen) eller 'members' (kun medlemmer af netværket).",
    bad=case_example(visibility="offentlig"),
    good=case_example(visibility="public"),
)
CASE_PUBLISHED = Rule(
    "CASE-PUBLISHED", ERROR, "Forkert udgivelsesdato",
    what="'published' skal være en rigtig dato på formen ÅÅÅÅ-MM-DD, som ikke ligger i fremtiden.",
    why="Datoen sorterer casene og vises på siden.",
    fix="Skriv datoen som fx 2025-03-01.",
    bad=case_example(published="1. marts 2025"),
    good=case_example(published="2025-03-01"),
)
CASE_UPDATED = Rule(
    "CASE-UPDATED", ERROR, "Forkert opdateringsdato",
    what="'updated' skal være en rigtig dato på formen ÅÅÅÅ-MM-DD, ikke i fremtiden og ikke før 'published'.",
    why="Læserne skal kunne stole på, hvornår casen sidst blev ændret.",
    fix="Skriv datoen for den seneste væsentlige ændring, fx 2025-04-01, eller slet feltet.",
    bad=case_example(updated="2025-02-01"),
    good=case_example(updated="2025-04-01"),
)
CASE_PERIOD = Rule(
    "CASE-PERIOD", ERROR, "Forkert periode",
    what="'period' skal skrives som {start: ÅÅÅÅ-MM, end: ÅÅÅÅ-MM}; end kan udelades, og perioden kan ikke slutte, før den begynder.",
    why="Perioden viser, hvornår indsatsen løb, og om den stadig kører.",
    fix="Skriv fx {start: 2024-01, end: 2025-06}, eller kun {start: 2024-01}, hvis indsatsen kører endnu.",
    bad=case_example(period="{start: 2024-13}"),
    good=case_example(period="{start: 2024-01}"),
)
CASE_PARTNERS = Rule(
    "CASE-PARTNERS", ERROR, "Forkerte samarbejdspartnere",
    what=f"'partners' skal være en liste af korte navne (højst {cases.PARTNERS.max_len} tegn hver).",
    why="Partnerne vises som en kort liste på casen.",
    fix="Skriv fx [Kommunens jobcenter, Lokal idrætsforening].",
    bad=case_example(partners="Kommunens jobcenter og den lokale idrætsforening"),
    good=case_example(partners="[Kommunens jobcenter, Lokal idrætsforening]"),
)
CASE_CONTACT = Rule(
    "CASE-CONTACT", ERROR, "Forkert kontaktperson",
    what="'contact' skal have felterne name (påkrævet), role, email og phone, med en gyldig e-mailadresse og et gyldigt telefonnummer.",
    why="Andre centre skal kunne kontakte en medarbejder; kontaktfeltet er det eneste sted, personoplysninger må stå.",
    fix="Skriv medarbejderens navn, rolle, e-mail (navn@frivilligcenter.dk) og telefon (12 34 56 78), hver på sin egen linje.",
    bad=case_example("contact:\n  name: Lise Holm\n  email: lise.holm", contact="\n  name: Lise Holm\n  email: lise.holm"),
    good=case_example("contact:\n  name: Lise Holm\n  email: lise.holm@fjordby.example.org",
                      contact="\n  name: Lise Holm\n  email: lise.holm@fjordby.example.org"),
)
CASE_EXAMPLE = Rule(
    "CASE-EXAMPLE", ERROR, "Forkert eksempel-markering",
    what="'example' skal være true eller false.",
    why="Feltet markerer opdigtede cases, så læserne ikke tager dem for virkelige.",
    fix="Skriv 'example: true' for et opdigtet eksempel, ellers slet feltet.",
    bad=case_example(example="ja"),
    good=case_example(example="true"),
)

# Per collection: the rules for a key it does not know and for a required key that is missing.
COLLECTION_RULES: dict[Collection, tuple[Rule, Rule]] = {cases.CASES: (CASE_UNKNOWN_KEY, CASE_REQUIRED)}

# The rule for everything wrong with each field's value.
FIELD_RULES: dict[Field, Rule] = {
    cases.TITLE: CASE_TITLE, cases.SUMMARY: CASE_SUMMARY, cases.CENTRE: CASE_CENTRE, cases.THEMES: CASE_THEME,
    cases.TARGET_GROUPS: CASE_TARGET_GROUP, cases.VISIBILITY: CASE_VISIBILITY, cases.PUBLISHED: CASE_PUBLISHED,
    cases.UPDATED: CASE_UPDATED, cases.PERIOD: CASE_PERIOD, cases.PARTNERS: CASE_PARTNERS,
    cases.CONTACT: CASE_CONTACT, cases.EXAMPLE: CASE_EXAMPLE,
}

CONTACT_EMAIL_RE = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
CONTACT_PHONE_RE = re.compile(r"^(\+45 ?)?(\d{8}|\d{2}( \d{2}){3}|\d{4} \d{4})$|^\+\d{1,3}( ?\d){6,14}$")
MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")
MARKUP_RE = re.compile(r"<[a-zA-Z/!]|\[[^\]]*\]\(|\*\*|__|`")


def _may_be_markup(text: str) -> bool:
    """Whether ``text`` holds a character a match of MARKUP_RE starts with: five
    searches for one character are ten times quicker than the pattern's."""
    return "<" in text or "[" in text or "*" in text or "_" in text or "`" in text


class _Plan:
    """A schema's checks, worked out once: `check` runs them for every file."""

    def __init__(self, schema: Collection) -> None:
        self.keys = schema.keys
        self.known = frozenset(schema.keys)
        self.unknown_key, self.missing = COLLECTION_RULES[schema]
        self.required = tuple(f for f in schema.required)
        self.required_keys = frozenset(f.key for f in self.required)
        self.checks = tuple((f.key, CHECKS[type(f)], f, FIELD_RULES[f]) for f in schema.fields)
        self.ordered = tuple((f, schema[f.not_before]) for f in schema.fields if isinstance(f, Date) and f.not_before)
        self.free_text = tuple(f.key for f in schema.fields if isinstance(f, (Text, Names)))
        # Fields whose model attribute is the value as checked need no conversion.
        self.convert = {f.key: None if type(f).to_model is Field.to_model and f.model_attr == f.key else f.to_model
                        for f in schema.fields}


_PLANS: dict[Collection, _Plan] = {}


def _plan(schema: Collection) -> _Plan:
    plan = _PLANS.get(schema)
    if plan is None:
        plan = _PLANS[schema] = _Plan(schema)
    return plan


def check_fields(ctx: FileContext, fm: Y, first_line: int, schema: Collection = cases.CASES) -> dict:
    """The valid values of a front matter mapping, by key; problems for the rest."""
    plan = _plan(schema)
    v = fm.value
    meant = set()  # keys written so that a habit hid them ('titel', 'centre' with a no-break space)
    if not plan.known.issuperset(v):
        for key, (line, col) in fm.key_pos.items():
            if key not in plan.known:
                hint = habits.key_hint(key, plan.keys, schema.fields) or did_you_mean(key, plan.keys).strip()
                meant.add(habits.meant_key(key, plan.keys, schema.fields))
                ctx.add(plan.unknown_key, line, col, f"Ukendt felt '{key}'.", f"{hint} Tilladte felter: {', '.join(plan.keys)}.".strip())
    for f in () if plan.required_keys.issubset(v) else plan.required:  # most files have every one
        if f.key not in v and f.key not in meant:  # the unknown key's message already says it
            ctx.add(plan.missing, first_line, 1, f"Det påkrævede felt '{f.key}' mangler.", _no_default_hint(f))
    out: dict = {}
    for key, check, f, rule in plan.checks:
        node = v.get(key)
        if node is not None:
            if node.value is None and node.key_pos is None:  # 'visibility:' with nothing after
                ctx.at(rule, node, f"Feltet '{key}' er tomt.", _empty_hint(f))
                continue
            value = check(ctx, node, f, rule)
            if value is not None:
                out[key] = value
    if schema is cases.CASES:
        _placeholders(ctx, v, out)
    for f, before in plan.ordered:
        first, then = out.get(before.key), out.get(f.key)
        if first and then and then < first:
            n, other = v[f.key], v[before.key]
            ctx.at(FIELD_RULES[f], n, f"'{f.key}' ({then}) ligger før '{before.key}' ({first}).", "Ret en af datoerne.",
                   (Related(ctx.rel, other.line, other.col, f"'{before.key}'"),))
            del out[f.key]
    return out


def _placeholders(ctx: FileContext, v: dict, out: dict) -> None:
    """A title or summary still as the template or `new` left it."""
    words = ctx.run.template_text
    for key, rule, placeholder in (("title", CASE_TITLE, words.placeholder_title),
                                   ("summary", CASE_SUMMARY, words.placeholder_summary)):
        if key in out and placeholder(out[key], spaced=True):  # _text made its spaces single
            ctx.at(rule, v[key], f"'{key}' er stadig skabelonens pladsholder ('{_short(out[key])}').",
                   f"Skriv {'casens egen titel' if key == 'title' else 'casens eget resumé'}; skabelonens tekst kan ikke udgives.")
            del out[key]


def _short(text: str, n: int = 60) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def free_text_nodes(fm: Y, schema: Collection = cases.CASES) -> list[Y]:
    """The front matter values people write freely (where personal data could slip in)."""
    v = fm.value
    return [v[key] for key in _plan(schema).free_text if key in v]


def to_model_attrs(values: dict, schema: Collection = cases.CASES) -> dict:
    """The model object's attributes for a front matter's valid values."""
    convert = _plan(schema).convert
    attrs: dict = {}
    for key, value in values.items():
        to_model = convert[key]
        if to_model is None:
            attrs[key] = value
        else:
            attrs.update(to_model(value))
    return attrs


def _empty_hint(f: Field) -> str:
    if isinstance(f, Choice):
        options = " eller ".join(f"'{v}' ({meaning})" for v, meaning in f.choices)
        return f"Skriv {options} efter kolon; der er ingen standardværdi."
    example = f.example.strip()
    if isinstance(f, Contact):
        hint = f"Skriv felterne på linjerne under, rykket ind: '  {f.parts[0]}: …', '  {f.parts[1]}: …'."
    elif isinstance(f, Text) or not example or "\n" in example or example.startswith((">", "|")):
        hint = f"Skriv en tekst ({f.label.lower()}) efter kolon på samme linje."
    else:
        hint = f"Skriv en værdi efter kolon, fx '{f.key}: {example}'."
    return hint if f.required else f"{hint[:-1]}, eller slet linjen, hvis feltet ikke skal bruges."


def _labels(ctx: FileContext, vocabulary: str) -> dict[str, str]:
    """id -> the name a contributor may write instead of it."""
    kb = ctx.run.kb
    if vocabulary == "themes":
        return {t.id: t.title for t in kb.themes.values()}
    if vocabulary == "centres":
        return {c.id: c.name for c in kb.centres.values()}
    if vocabulary == "target_groups":
        return {g.id: g.label for g in kb.target_groups.values()}
    return {}


def _unknown_id_hint(ctx: FileContext, value: str, known, f) -> str:
    hint = habits.id_hint(value, known, _labels(ctx, f.vocabulary))
    return f"{hint} De gyldige id'er står i {f.source}." if hint else f"{did_you_mean(value, known)} De gyldige id'er står i {f.source}.".strip()


def _quoted_text(ctx: FileContext, n: Y, key: str, rule: Rule) -> bool:
    """Word's typographic quotes around a text, which YAML keeps as part of it."""
    quoted = habits.curly_wrapped(n.value.strip())
    if not quoted:
        return False
    ctx.at(rule, n, f"'{key}' står i typografiske anførselstegn ({quoted[0]}), som YAML ikke regner for anførselstegn, "
                    "så de ville komme med på siden.",
           f"Skriv almindelige anførselstegn (\"{quoted[1]}\") eller ingen. Tjekket retter det ikke selv: så ville filen "
           "sige én ting og sitet vise en anden.")
    return True


def _cut_by_comment(ctx: FileContext, n: Y, key: str, rule: Rule) -> bool:
    """'title: Sammen #sammen': YAML reads ' #' as the start of a comment."""
    if n.comment is None:
        return False
    gap = len(n.comment) - len(n.comment.lstrip())
    text = n.comment.lstrip()[1:]
    # '#sammen' is a hashtag in the text; ' # note' after one space reads as text too, unless it is
    # the template's own comment. A comment set apart by more spaces is a comment.
    if not (text[:1].strip() or (gap == 1 and not template_comment(ctx, text))):
        return False
    ctx.at(rule, n, f"'{key}' er skåret af ved ' #{text}': YAML læser ' #' som starten på en kommentar, så kun "
                    f"'{n.value}' ville komme med på siden.",
           f"Sæt hele teksten i anførselstegn: {key}: \"{n.value} #{text}\"")
    return True


def template_comment(ctx: FileContext, comment: str) -> bool:
    from brobyg.validate.template_text import normalise

    return normalise(comment) in ctx.run.template_text.comments


def _no_default_hint(f: Field) -> str:
    if isinstance(f, Choice):
        return f"Skriv {' eller '.join(repr(f'{f.key}: {v}') for v in f.values)}; der er ingen standardværdi."
    return ""


# -- one check per kind of field ----------------------------------------------


def _text(ctx: FileContext, n: Y, f: Text, rule: Rule):
    if not isinstance(n.value, str):
        ctx.at(rule, n, f"'{f.key}' skal være en tekst.", "Sæt den i anførselstegn, hvis den ligner et tal eller en dato.")
        return None
    if _quoted_text(ctx, n, f.key, rule) or _cut_by_comment(ctx, n, f.key, rule):
        return None
    text = " ".join(n.value.split())
    if not f.min_len <= len(text) <= f.max_len:
        ctx.at(rule, n, f"'{f.key}' er {len(text)} tegn lang; den skal være {f.min_len}–{f.max_len} tegn.")
        return None
    markup = MARKUP_RE.search(text) if f.plain and _may_be_markup(text) else None
    if markup:
        ctx.add(rule, *ctx.where(n, markup.group(0)), f"'{f.key}' skal være almindelig tekst uden HTML, links eller Markdown-formatering.")
        return None
    return text


def _ref(ctx: FileContext, n: Y, f: Ref, rule: Rule):
    known = ctx.run.vocabulary(f.vocabulary)
    if not isinstance(n.value, str):
        ctx.at(rule, n, f"Angiv {f.noun} som et id, fx '{next(iter(known), 'frivilligcenter-eksempelby')}'.")
        return None
    if n.value not in known:
        ctx.at(rule, n, f"Ukendt id '{n.value}' for {f.noun}.", _unknown_id_hint(ctx, n.value, known, f))
        return None
    return n.value


def _refs(ctx: FileContext, n: Y, f: RefList, rule: Rule):
    known = ctx.run.vocabulary(f.vocabulary)
    items = n.value if n.is_seq else None
    if items is None:
        ctx.at(rule, n, f"Skriv {f.nouns} som en liste, fx [{', '.join(list(known)[:2])}].")
        return None
    if not f.min_items <= len(items) <= f.max_items:
        ctx.at(rule, n, f"Angiv {f.min_items}–{f.max_items} {f.nouns}; der står {len(items)}.")
        return None
    seen: dict[str, Y] = {}
    ok = True
    for item in items:
        if item.value is None:
            ctx.at(rule, item, f"Der står en tom værdi i listen over {f.nouns}.",
                   "Slet det ekstra komma eller den tomme '- '-linje, eller skriv et id.")
            ok = False
        elif not isinstance(item.value, str):
            ctx.at(rule, item, f"Hver {f.noun} skal være et id (tekst), ikke '{item.value}'.")
            ok = False
        elif item.value not in known:
            ctx.at(rule, item, f"Ukendt {f.noun} '{item.value}'.", _unknown_id_hint(ctx, item.value, known, f))
            ok = False
        elif item.value in seen:
            first = seen[item.value]
            ctx.at(rule, item, f"'{item.value}' står to gange.", "Slet den ene.", (Related(ctx.rel, first.line, first.col, "første gang"),))
            ok = False
        else:
            seen[item.value] = item
    return list(seen) if ok else None


def _choice(ctx: FileContext, n: Y, f: Choice, rule: Rule):
    if n.value not in f.values:
        options = " eller ".join(f"'{v}' ({meaning})" for v, meaning in f.choices)
        hint = (habits.id_hint(n.value, f.values, {}) or habits.choice_hint(n.value, f.values)) if isinstance(n.value, str) else None
        ctx.at(rule, n, f"'{f.key}' skal være {options}, ikke '{n.value}'.", hint or did_you_mean(n.value, f.values).strip())
        return None
    return n.value


def _date(ctx: FileContext, n: Y, f: Date, rule: Rule):
    value = n.value
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value.strip())
        except ValueError:
            iso = habits.iso_date(value)
            ctx.at(rule, n, f"'{f.key}' skal være en rigtig dato på formen ÅÅÅÅ-MM-DD, fx 2025-03-01; '{n.value}' er det ikke.",
                   f"Skriv {f.key}: {iso}." if iso else "")
            return None
    if not is_date(value):
        ctx.at(rule, n, f"'{f.key}' skal være en dato på formen ÅÅÅÅ-MM-DD, fx 2025-03-01.")
        return None
    if f.not_future and value > ctx.run.today:
        ctx.at(rule, n, f"'{f.key}' ({value}) ligger i fremtiden.", "Brug dagens dato eller en dato før.")
        return None
    return value


def _period(ctx: FileContext, n: Y, f: Period, rule: Rule):
    start, end = f.parts
    if not n.is_map:
        ctx.at(rule, n, f"'{f.key}' skal skrives som {{{start}: 2024-01, {end}: 2025-06}}; udelad {end}, hvis indsatsen kører endnu.")
        return None
    ok = True
    for key, (line, col) in n.key_pos.items():
        if key not in f.parts:
            ctx.add(rule, line, col, f"'{f.key}' kender kun '{start}' og '{end}', ikke '{key}'.", habits.key_hint(key, f.parts) or "")
            ok = False
    months = {}
    for key in f.parts:
        node = n.value.get(key)
        if node is None:
            continue
        m = MONTH_RE.match(str(node.value)) if isinstance(node.value, str) else None
        if not m or not 1 <= int(m.group(2)) <= 12:
            ctx.at(rule, node, f"'{key}' skal være en måned på formen ÅÅÅÅ-MM, fx 2024-01; '{node.value}' er det ikke.")
            ok = False
        else:
            months[key] = node.value
    if start not in n.value:
        ctx.at(rule, n, f"'{f.key}' mangler '{start}' (måneden indsatsen begyndte, fx 2024-01).")
        ok = False
    if ok and end in months and months[end] < months[start]:
        node = n.value[end]
        ctx.at(rule, node, f"Perioden slutter ({months[end]}) før den begynder ({months[start]}).", "",
               (Related(ctx.rel, n.value[start].line, n.value[start].col, f"'{start}'"),))
        ok = False
    return (months[start], months.get(end)) if ok else None


def _names(ctx: FileContext, n: Y, f: Names, rule: Rule):
    if n.is_seq and any(isinstance(i.value, str) and (_quoted_text(ctx, i, f.key, rule) or _cut_by_comment(ctx, i, f.key, rule))
                        for i in n.value):
        return None
    if not n.is_seq or not all(isinstance(i.value, str) and 1 <= len(i.value.strip()) <= f.max_len for i in n.value):
        ctx.at(rule, n, f"'{f.key}' skal være en liste af korte navne (højst {f.max_len} tegn), fx [Kommunens jobcenter, Lokal idrætsforening].")
        return None
    return [i.value.strip() for i in n.value]


def _contact(ctx: FileContext, n: Y, f: Contact, rule: Rule):
    parts = f.parts
    if not n.is_map:
        ctx.at(rule, n, f"'{f.key}' skal have felterne {', '.join(parts[:-1])} og {parts[-1]}, hver på sin egen linje.")
        return None
    ok = True
    for key, (line, col) in n.key_pos.items():
        if key not in parts:
            hint = habits.key_hint(key, parts) or did_you_mean(key, parts).strip()
            ctx.add(rule, line, col, f"Ukendt felt '{key}' i '{f.key}'.", f"{hint} Tilladte felter: {', '.join(parts)}.".strip())
            ok = False
    out = {}
    for key in parts:
        node = n.value.get(key)
        if node is None:
            continue
        value = node.value
        if isinstance(value, int) and not isinstance(value, bool) and key == "phone":
            value = node.raw or str(value)  # '+4512345678' is an int to YAML; judge it as written
        if not isinstance(value, str) or not value.strip():
            ctx.at(rule, node, f"'{key}' i '{f.key}' skal være en tekst.")
            ok = False
            continue
        value = value.strip()
        if key == "email" and not CONTACT_EMAIL_RE.match(value):
            ctx.at(rule, node, f"'{value}' er ikke en gyldig e-mailadresse.", "Skriv den som navn@frivilligcenter.dk.")
            ok = False
        elif key == "phone" and not CONTACT_PHONE_RE.match(value):
            ctx.at(rule, node, f"'{value}' er ikke et gyldigt telefonnummer.", "Skriv det som 12 34 56 78 eller +45 12 34 56 78.")
            ok = False
        out[key] = value
    if parts[0] not in out and ok:
        ctx.at(rule, n, f"'{f.key}' mangler '{parts[0]}' (medarbejderens navn).")
        ok = False
    return out if ok else None


def _flag(ctx: FileContext, n: Y, f: Flag, rule: Rule):
    if not isinstance(n.value, bool):
        ctx.at(rule, n, f"'{f.key}' skal være true eller false.",
               (habits.choice_hint(n.value, ()) or "") if isinstance(n.value, str) else "")
        return None
    return n.value


CHECKS = {
    Text: _text, Ref: _ref, RefList: _refs, Choice: _choice, Date: _date, Period: _period,
    Names: _names, Contact: _contact, Flag: _flag,
}
