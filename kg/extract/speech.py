"""Who said each quotation: attributions before or after the quote, pronouns, and quotes over several paragraphs.

British news attributes a quote with 'NAME said: "..."', '"...," NAME said.' or
'"...," said NAME.', refers back with 'he added' or 'Mr Smith said', and runs a
long quote over paragraphs that each open with a quote mark. A quote whose
speaker cannot be told from these patterns gets none: it is listed in the draft
for the reviewer, not guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .article import Article, Quote
from .entities import Entities, Entity

SAID = (r"(?:said|says|added|adds|told|explained|commented|warned|stated|insisted|continued|acknowledged|admitted|"
        r"noted|wrote|explains|believes|claimed|claims|concluded|remarked|urged|vowed|promised|went on|responded|replied|"
        r"argued|conceded)")
_ROLE_NOUNS = {"chief constable": "role-chief-constable", "commissioner": "role-police-and-crime-commissioner",
               "police and crime commissioner": "role-police-and-crime-commissioner", "pcc": "role-police-and-crime-commissioner",
               "inspector": "role-hm-inspector", "deputy chief constable": "role-deputy-chief-constable"}
_PRONOUN = re.compile(r"\b(he|she|they)\b", re.IGNORECASE)
#: the inspectorate as news names it when its report speaks: 'the report said', 'inspectors said', 'HMICFRS said'
BODY = (r"(?:the\s+(?:(?:inspection|inspectorate['\u2019]s|watchdog['\u2019]s|PEEL|latest|new|damning|critical|"
        r"[A-Z][a-z]+(?:['\u2019]s)?)\s+)?report|"
        r"the\s+report['\u2019]s\s+authors|(?:the\s+)?inspectors|(?:the\s+)?(?:police\s+)?(?:inspectorate|watchdog)|HMICFRS|HMIC)")
#: ('says watchdog': a headline leaves out the article)
#: what a body's report is said to do before the words it is quoted with
_BODY_VERB = (r"(?:said|says|found|finds|described|describes|called|calls|praised|praises|warned|warns|concluded|"
              r"concludes|noted|notes|rated|graded|judged|added|highlighted|highlights|criticised|criticises|stated|"
              r"states|wrote|gave|raised|identified|reported|urged|welcomed|commended|complained|judged)")
#: a sentence that says someone spoke, without what: 'He spoke to the Star on Wednesday', then the quote paragraphs
_SPOKE = (r"(?:spoke|speaks|talked|talks|was speaking|is speaking|gave (?:an |this )?interview|was interviewed|"
          r"told (?:the|this|our) (?:\w+ )?(?:newspaper|paper|Star|Post|Echo|Herald|Times|Mail|News|Gazette|Chronicle|"
          r"Courier|Argus|Standard|Press|Mercury|Advertiser|Observer|Telegraph|Journal|programme|station|BBC))")
#: a relative clause or aside inside the words before 'said': its people are not the speaker ('Jane Doe, who
#: succeeded John Roe in May, said')
#: a name's aside between commas ('NAME, who has led the force since May, said'), with the clauses that carry it on
#: (', when Chief Constable NAME left, '): the people named there are not the subject
_ASIDE = re.compile(r",\s+(?:who|whose|whom|which|(?:written|led|produced|compiled|signed|authored|drawn up|carried out)\s+by)"
                    r"\b[^,]*(?:,\s+(?:when|where|after|before|while|whilst|since|until|because|following)\b[^,]*)*(?:,|$)")


@dataclass
class Attributed:
    quote: Quote
    speaker: Entity | None
    why: str
    embedded: bool  # a few words quoted within reported speech


class Speech:
    def __init__(self, article: Article, entities: Entities):
        self.article = article
        self.entities = entities

    def attribute(self) -> list[Attributed]:
        out: list[Attributed] = []
        previous: Attributed | None = None  # the last quote of the previous paragraph
        introduced: tuple[Entity, str] | None = None  # the speaker a narrative paragraph introduces
        for p in self.article.paragraphs:
            last_in_paragraph = None
            for i, q in enumerate(p.quotes):
                before_start = p.quotes[i - 1].end + 1 if i else p.span.start
                after_end = p.quotes[i + 1].start - 1 if i + 1 < len(p.quotes) else p.span.end
                before = self.article.span(before_start, max(before_start, q.start - 1))
                after = self.article.span(min(q.end + (1 if q.closed else 0), after_end), after_end)
                speaker, why = self._after(after.start, after.text, q.start)
                if speaker is not None and re.search(r"[.!?]$", q.text.strip()) and i + 1 < len(p.quotes) and \
                        re.search(rf"\b{SAID}\s*:\s*$", after.text):
                    # '"We accept it." Commissioner John Roe said: "So do I."': the words after a finished sentence
                    # introduce the next quote, not this one
                    speaker, why = None, ""
                if speaker is not None and q.after_colon and re.search(r"[.!?]$", q.text.strip()) and \
                        re.match(r"\s*[A-Z]", after.text):
                    # 'Jane Roe said: "We accept it." Ravi Shah replied.': a quote 'said:' opens and a full stop closes is
                    # the opener's; the sentence after it is its own
                    speaker_before, why_before = self._before(before.start, before.text, q.start)
                    if speaker_before is not None:
                        speaker, why = speaker_before, why_before
                if speaker is None:
                    speaker, why = self._before(before.start, before.text, q.start)
                embedded = not (q.opens_paragraph or q.after_colon or why.startswith("'NAME said:'")
                                or why.startswith("after the quote"))
                # a quote with words of its own that say who spoke ('"...," Mr Pryce said') but name no one the article
                # tells apart is nobody's: not the run's speaker, nor the one the paragraph before introduced
                own = speaker is None and re.match(rf"\s*[,.!?]?\s*(?:{SAID}\s+[A-Z]|[^.;:\"\u201c\u201d]{{2,80}}?\s+{SAID}\b)",
                                                   after.text)
                if own:
                    pass
                elif speaker is None and q.opens_paragraph and previous is not None and previous.speaker is not None \
                        and not previous.embedded:
                    speaker, why = previous.speaker, "a quote paragraph that follows the same speaker's quote"
                    embedded = False
                elif speaker is None and q.opens_paragraph and introduced is not None:
                    speaker, why = introduced
                    embedded = False
                if speaker is None and i and last_in_paragraph and last_in_paragraph.speaker and not last_in_paragraph.embedded \
                        and re.fullmatch(rf"\s*[,.]?\s*[^.]{{0,60}}\b{SAID}\b[^.]{{0,80}}[.:,]\s*", before.text):
                    speaker, why = last_in_paragraph.speaker, "the second part of a quote attributed in the same paragraph"
                    embedded = False
                a = Attributed(q, speaker, why, embedded)
                out.append(a)
                last_in_paragraph = a
            # a run of quote paragraphs keeps its speaker; a paragraph of narrative ends the run
            attributed = [a for a in out[len(out) - len(p.quotes):] if a.speaker is not None and not a.embedded]
            opens = bool(p.quotes) and p.quotes[0].opens_paragraph
            if attributed:
                previous = attributed[-1]
                introduced = None
            elif not opens:
                previous = None
                introduced = self._introduces(p)
        return self._repeated(out)

    @staticmethod
    def _repeated(out: list[Attributed]) -> list[Attributed]:
        """A few words quoted without a speaker that are part of a longer quote with one are that speaker's: news
        opens with 'Councillors said residents "cannot wait years"' and later prints the whole sentence with its
        speaker. Refused where the words lie in the quotes of two speakers."""
        def norm(t: str) -> str:
            return " ".join(re.sub(r"[^\w\s]", " ", t.lower()).split())
        for i, a in enumerate(out):
            if a.speaker is not None or len(a.quote.text.split()) < 2:
                continue
            words = norm(a.quote.text)
            owners = {b.speaker.key: b for b in out if b is not a and b.speaker is not None and not b.embedded
                      and len(norm(b.quote.text)) > len(words) and re.search(rf"\b{re.escape(words)}\b", norm(b.quote.text))}
            if len(owners) == 1:
                b = next(iter(owners.values()))
                out[i] = Attributed(a.quote, b.speaker, f"the same words are part of {b.speaker.label}'s quote at chars "
                                                        f"{b.quote.start}-{b.quote.end}", a.embedded)
        return out

    def _introduces(self, p) -> tuple[Entity, str] | None:
        """The speaker a paragraph of narrative hands the next quote paragraph to: 'Commissioner Jane Doe said:' on a
        line of its own, or reported speech ('HM Inspector Jane Doe said the force had let down ...') just before it."""
        text = p.span.text
        last = p.sentences[-1] if p.sentences else p.span
        m = re.match(rf"(?P<who>.{{2,200}}?)\s+{SAID}(?:\s+that)?\s*:\s*$", text)
        kind = "'NAME said:' on the line before"
        if m is None:
            m = re.match(rf"(?P<who>[^\u201c\u201d\"]{{2,200}}?)\s+(?:{SAID}|(?P<spoke>{_SPOKE}))\b(?!\s*:)", last.text)
            kind = "'NAME spoke to ...' in the paragraph before" if m and m.group("spoke") else \
                "reported speech in the paragraph before"
            start = last.start
        else:
            start = p.span.start
        if m is None:
            return self._told_of(p)
        e = self._resolve(start, start + len(m.group("who")), m.group("who"), start)
        return (e, f"{kind}: '{m.group().strip()[:80]}'") if e else None

    def _told_of(self, p) -> tuple[Entity, str] | None:
        """'Naveed Qureshi has been the county's commissioner since 2021. He has not always been an easy critic.' and
        then a quote paragraph with no words of its own on who speaks: the one person the paragraph is about, where it
        names one person only (outside quotation marks) and each of its sentences opens with that person's name or
        'He'/'She' (of that person's gender, where the article tells it)."""
        people = {e.key: e for m, e in self.entities.people_in(p.span.start, p.span.end) if not p.in_quote(m.start, m.end)}
        if len(people) != 1 or not p.sentences or p.quotes:
            return None
        e = next(iter(people.values()))
        for s in p.sentences:
            opener = re.match(r"(?P<pro>He|She)\b", s.text)
            named = [m for m in e.mentions if s.start <= m.start < s.start + 3]
            if opener and e.gender and e.gender != ("male" if opener.group("pro") == "He" else "female"):
                return None
            if not opener and not named:
                return None
        return e, f"the paragraph before tells only of {e.label}: '{p.sentences[0].text[:60]}'"

    # -- attribution patterns

    def _after(self, start: int, text: str, at: int) -> tuple[Entity | None, str]:
        """', NAME said.' / ', said NAME.' / ', he added.' right after the closing mark."""
        m = re.match(rf"\s*[,.!?]?\s*(?:{SAID}\s+(?P<a>[^,.;:]{{2,80}})|(?P<b>[^,.;:\"\u201c\u201d]{{2,80}}?)\s+{SAID}\b)",
                     text)
        if not m:  # '"...," Jane Doe, the chief constable, said.': a name and its title between commas
            m = re.match(rf"\s*[,.!?]?\s*(?P<b>[^.;:\"\u201c\u201d]{{2,120}}?),\s+{SAID}\b", text)
            if not m or not self.entities.people_in(start + m.start("b"), start + m.end("b")):
                return None, ""
        group = "a" if m.groupdict().get("a") else "b"
        who = m.group(group)
        s = start + m.start(group)
        e = self._resolve(s, s + len(who), who, at)
        return (e, f"after the quote: '{m.group().strip(' ,.')}'") if e else (None, "")

    def _before(self, start: int, text: str, at: int) -> tuple[Entity | None, str]:
        """'NAME said:' / 'He added:' / 'said NAME:' just before the opening mark."""
        m = re.search(rf"(?P<b>[^.;:\u201c\u201d\"]{{2,160}}?)\s+{SAID}(?:\s+that)?\s*[:,]?\s*$", text)
        m2 = re.search(rf"\b{SAID}\s+(?P<a>[^,.;:]{{2,80}}?)\s*[:,]\s*$", text)
        m4 = re.search(r"\b(?i:according to|in the words of)\s+(?P<a>[^,.;:]{2,80}?)\s*[:,]?\s*$", text)
        for match, group in ((m, "b"), (m2, "a"), (m4, "a")):
            if match:
                s = start + match.start(group)
                e = self._resolve(s, s + len(match.group(group)), match.group(group), at)
                if e:
                    return e, f"'NAME said:' before the quote: '{match.group().strip()}'"
        # reported speech: 'NAME said he was "satisfied"', 'She acknowledged that "..."'
        sentence = self.article.sentence_at(at)
        s0 = sentence.start if sentence else start
        head = self.article.text[s0:at]
        acc = re.match(r"(?i:according to|in the words of)\s+(?P<a>[^,.;:\"\u201c\u201d]{2,80}?),\s", head)
        if acc:  # 'According to the report, the force "lacks a clear plan"'
            e = self._resolve(s0 + acc.start("a"), s0 + acc.end("a"), acc.group("a"), at)
            if e:
                return e, f"'according to' opens the sentence: '{acc.group().strip(' ,')}'"
        m3 = re.search(rf"^(?P<who>.{{2,160}}?)\s+{SAID}\b", head)
        if m3 is None:
            m3 = re.search(r"^(?P<who>.{2,160}?)\s+(?:described|called|branded|acknowledged|welcomed|found|highlighted|praised|"
                           r"criticised|criticized|condemned|questioned)\b", head)
        if m3:
            e = self._resolve(s0, s0 + len(m3.group("who")), m3.group("who"), at)
            if e:
                return e, f"reported speech: '{m3.group().strip()}'"
        return self._body_said(s0, at)

    def _resolve(self, start: int, end: int, words: str, at: int) -> Entity | None:
        """The person that words name: a person mention, a pronoun, 'Mr Smith' or 'the chief constable'."""
        lead = re.match(r"(?i:after|as|when|while|because|since|though|although|once|until)\s+(?=\S)", words)
        if lead:  # '..., after inspectors found it had "turned a corner"': the subject of the clause 'after' opens
            return self._resolve(start + lead.end(), end, words[lead.end():], at)
        people = self.entities.people_in(start, end)
        if people:
            asides = [(start + m.start(), start + m.end()) for m in _ASIDE.finditer(self.article.text[start:end])]
            main = [pe for pe in people if not any(s <= pe[0].start < e for s, e in asides)]
            if not main:  # 'The report, written by HM Inspector Jane Doe, said': the report, if the rest names it
                rest = words
                for s, e in sorted(asides, reverse=True):
                    rest = rest[:s - start] + rest[e - start:]
                body = self._body(start, start, rest.strip(" ,"))
                if body is not None:
                    return body
            return (main or people)[-1][1]
        body = self._body(start, end, words) or self._force(start, end, words)
        if body is not None:
            return body
        low = re.sub(r"^(?:but|and|however,?|meanwhile,?|yet|so)\s+", "", words.lower().strip())
        if re.fullmatch(r"it(?:\s+(?:also|then|later))?", low):
            return self._it(start)
        # 'In the letter he said:', 'In a statement, she said:': a pronoun after a phrase saying where the words were
        pronoun = _PRONOUN.fullmatch(low) or re.match(r"^(he|she)\b", low) or re.fullmatch(
            r"(?:in|on|at|during|writing in|speaking (?:at|on|to|after))\s+(?:the|a|an|his|her|their)\s+[a-z' -]{2,40}?,?"
            r"\s+(he|she)", low)
        if pronoun:
            e = self._recent(at, pronoun.group(1))
            if e is not None and pronoun.group(1) == "they":
                # 'they' is a person only just named: 'Inspectors found ... They said' are the inspectors
                here = self.article.paragraph_at(start)
                if here is None or not any(here.span.start <= m.start < at for m in e.mentions):
                    return None
            return e
        found = self._role_noun(low)
        if found is None and ", " in words:  # 'Responding to the report, the chief constable': the words after the comma
            cut = words.rindex(", ") + 2
            if words[cut:].strip():
                return self._resolve(start + cut, end, words[cut:], at)
        if found is None:  # 'the Plaid Cymru MS', 'the Labour MP': a party before a title printed in capitals describes
            acronyms = self.entities.acronym_pattern()  # the one holder of that title, and names no one else
            party = re.fullmatch(rf"\s*(?:[Tt]he)\s+(?:[A-Z][\w'\u2019-]*\s+){{1,3}}(?P<t>{acronyms})\s*",
                                 words) if acronyms else None
            role = self.entities.known.role_for(party.group("t")) if party else None
            found = self.entities.holder(role.id) if role else None
        return found

    def _body(self, start: int, end: int, words: str) -> Entity | None:
        """The inspectorate, where the words name it or its report: 'the report', 'inspectors', 'HMICFRS', 'Her
        Majesty's Inspectorate of Constabulary (HMIC)'. News quotes reports as much as people; the speaker is then the
        body whose report it is (the one inspectorate the article is about), never a guess among several."""
        key = self.entities.inspectorate
        if key is None:
            return None
        e = self.entities.by_key[key]
        low = re.sub(r"^(?:(?:but|and|however|meanwhile|yet|so|in (?:its|the|a) (?:report|statement))\s*,?\s+)+", "",
                     " ".join(words.split()), flags=re.IGNORECASE).strip(" ,")
        low = re.sub(r"\s+(?:also|did|had|has|then|today|yesterday|itself)$", "", low)
        if re.fullmatch(BODY, low, re.IGNORECASE):
            return e
        inside = [m for m in e.mentions if start <= m.start and m.end <= end]
        if inside and not self.entities.people_in(start, end):
            rest = self.article.text[start:end]
            for m in sorted(inside, key=lambda m: -m.start):
                rest = rest[:m.start - start] + rest[m.end - start:]
            if re.fullmatch(r"[\s,]*(?:the\s*)?(?:\(\s*\))?[\s,]*", rest, re.IGNORECASE):
                return e
        return None

    def _force(self, start: int, end: int, words: str) -> Entity | None:
        """A force speaking for itself: 'a spokesperson for Westshire Police', 'a force spokeswoman', 'Westshire Police
        said in a statement', 'the force said'. The force named in the words, else (for 'the force', 'a force
        spokesperson') the one force the article is about."""
        low = re.sub(r"^(?:(?:but|and|however|meanwhile|yet|so|in a statement)\s*,?\s+)+", "", " ".join(words.split()),
                     flags=re.IGNORECASE).strip(" ,")
        low = re.sub(r"\s+(?:also|later|today|yesterday|in a statement)$", "", low, flags=re.IGNORECASE)
        if self.entities.people_in(start, end):
            return None
        forces = [e for e in self.entities.of_kind("PoliceForce")
                  if any(start <= m.start and m.end <= end for m in e.mentions)]
        spoke = r"(?:spokesperson|spokesman|spokeswoman|spokespeople|press office|statement)"
        if len(forces) == 1:
            e = forces[0]
            rest = low
            for m in sorted((m for m in e.mentions if start <= m.start and m.end <= end), key=lambda m: -m.start):
                rest = rest.replace(" ".join(m.text.split()), "FORCE", 1)
            if re.fullmatch(rf"(?i:(?:an?|the)\s+)?(?:FORCE['\u2019]?s?\s+{spoke}|{spoke}\s+(?:for|from|at)\s+FORCE|FORCE)",
                            rest):
                return e
            return None
        main = self.entities.main_force
        if main and not forces and re.fullmatch(rf"(?i:(?:a|the)\s+(?:force\s+{spoke}|{spoke}\s+(?:for|from)\s+the\s+force)"
                                                rf"|the\s+force)", low):
            return self.entities.by_key[main]
        return None

    def _it(self, start: int) -> Entity | None:
        """'The report added that ... It said: "..."', '"...," it added': 'it' is the report where the sentence before
        (of this paragraph or the one before, not counting those that open with 'It') first names the report or the
        inspectorate outside quotation marks, not a person, a force or another body; else nobody."""
        here = self.article.paragraph_at(start)
        if here is None or self.entities.inspectorate is None:
            return None
        body = re.compile(rf"\b(?:{BODY})\b", re.IGNORECASE)
        other = re.compile(r"\b(?:the force|the constabulary|the council|the panel|the service|the government|"
                           r"the commissioner|the chief constable)\b", re.IGNORECASE)
        paras = [p for p in self.article.paragraphs if p.span.start <= here.span.start][-2:]
        for p in reversed(paras):
            for sent in reversed([x for x in p.sentences if x.start < start]):
                end = min(sent.end, start)
                if re.match(r"\W*It\b", sent.text):
                    continue  # a sentence of the same 'it' (or the one 'it' opens)
                firsts = []
                for kind, pattern in (("body", body), ("other", other)):
                    firsts += [(m.start(), kind) for m in pattern.finditer(self.article.text, sent.start, end)
                               if not p.in_quote(m.start(), m.end())]
                firsts += [(mm.start, "other") for e in self.entities.by_key.values()
                           if e.kind in ("Person", "PoliceForce", "Organisation") for mm in e.mentions
                           if sent.start <= mm.start < end and not p.in_quote(mm.start, mm.end)]
                firsts += [(mm.start, "body") for mm in self.entities.by_key[self.entities.inspectorate].mentions
                           if sent.start <= mm.start < end and not p.in_quote(mm.start, mm.end)]
                if firsts:
                    return self.entities.by_key[self.entities.inspectorate] if min(firsts)[1] == "body" else None
        return None

    def _body_said(self, s0: int, at: int) -> tuple[Entity | None, str]:
        """Reported speech of the report: 'the report said the force's teams were "among the best"', 'inspectors
        praised the "thorough and compassionate" way', 'saying it had "no clear picture"' after 'Inspectors rated'."""
        head = self.article.text[s0:at]
        last = None
        for m in re.finditer(rf"\b(?P<who>{BODY})(?:\s+(?:also|did|had|has|have|then|today|yesterday))?\s+{_BODY_VERB}\b",
                             head, re.IGNORECASE):
            last = m
        if last is None or re.search(r"[\u201c\u201d\"]", head[last.end():].rstrip(" \u201c\u2018\"'")):
            return None, ""
        if self.entities.people_in(s0 + last.end(), at):
            return None, ""
        e = self._body(s0 + last.start("who"), s0 + last.end("who"), last.group("who"))
        return (e, f"reported speech of the report: '{last.group().strip()}'") if e else (None, "")

    def _role_noun(self, low: str) -> Entity | None:
        """'the chief constable', 'the force's deputy', 'the commissioner': the one person the article names with a
        title of that name (the roles of data/reference.yaml), or ending in that word ('commissioner' for a police,
        fire and crime commissioner); no one if that is more than one person. 'The inspector who led the inspection of
        X has (said)': the clause that says which one is part of the noun, so the title is read without it."""
        low = re.sub(r"\s+(?:who|that)\s+(?:led|carried out|conducted|oversaw|headed|ran)\s+(?:the|this|its)\s+"
                     r"(?:latest\s+|last\s+|recent\s+|new\s+)?(?:peel\s+)?(?:inspection|review|report)\b[^,;:]*?"
                     r"(?:\s+(?:has|had|have))?$", "", low)
        m = re.match(r"(?:the|its|[a-z]+['\u2019]s)\s+(?:(?:force|county|region|area|city)['\u2019]s\s+)?"
                     r"(?:new\s+|current\s+|acting\s+|interim\s+|temporary\s+)?(?P<noun>[a-z ,&]+?)\s*$", low)
        if not m:
            return None
        noun = " ".join(m.group("noun").split())
        roles = self.entities.known.roles
        exact = [r for r in roles if noun in r.names]
        ending = [r for r in roles if any(n.endswith(" " + noun) for n in r.names)] if not exact else []
        people = {h.key: h for r in exact or ending for h in [self.entities.holder(r.id)] if h is not None}
        if not exact and noun in _ROLE_NOUNS:  # 'the inspector' for an HM inspector
            h = self.entities.holder(_ROLE_NOUNS[noun])
            if h is not None:
                people[h.key] = h
        return next(iter(people.values())) if len(people) == 1 else None

    def _recent(self, at: int, pronoun: str) -> Entity | None:
        """The person most recently named outside quotation marks before ``at``, of the pronoun's gender when known."""
        want = {"he": "male", "she": "female"}.get(pronoun.lower(), "")
        best = known = None
        for e in self.entities.of_kind("Person"):
            if e.fields.get("_author"):
                continue
            for m in e.mentions:
                if m.end > at:
                    continue
                p = self.article.paragraph_at(m.start)
                if p is not None and p.in_quote(m.start, m.end):
                    continue
                if want and e.gender and e.gender != want:
                    continue
                if best is None or m.start > best[0]:
                    best = (m.start, e)
                if want and e.gender == want and (known is None or m.start > known[0]):
                    known = (m.start, e)
        if best and known and not best[1].gender and self._paragraphs_between(known[0], best[0]) == 0 and \
                self._paragraphs_between(best[0], at) == 1:
            # 'For Lucy Harwood ... She took over when Simon Ketteridge retired.' then '"...," she said' in the next
            # paragraph: the one that paragraph tells is a woman, not the later-named one of unknown gender
            return known[1]
        return best[1] if best else None

    def _paragraphs_between(self, start: int, end: int) -> int:
        return sum(1 for p in self.article.paragraphs if start < p.span.start <= end)
