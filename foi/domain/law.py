"""The legal wording letters need, per regime.  Pure data and functions, no I/O.

One entry per regime in :data:`LAW`.  Letter templates get the entry as
``law`` (see ``letter_templates/README.md``) so that no template hard-codes an
Act, a section number or a time limit; a wrong citation is fixed here once.

Sources (checked against the text on legislation.gov.uk and the regulators'
guidance; see also ``/work/shared/LAW.md`` for the time limits):

* FOIA  -- Freedom of Information Act 2000 (c. 36): s.1(1) right of access;
  s.8(1) a valid request is in writing, names the applicant and gives an
  address for correspondence; s.10(1) time for compliance; s.11(1) means of
  communication (the applicant's preference, e.g. a copy in electronic form);
  s.16 duty to provide advice and assistance; s.17 refusal notice;
  s.45 Code of Practice (Cabinet Office, July 2018), Part 5: internal reviews,
  normally within 20 working days and at most 40; s.50(1) application to the
  Information Commissioner for a decision.
* FOISA -- Freedom of Information (Scotland) Act 2002 (asp 13): s.1(1) right;
  s.10(1) time for compliance; s.11(1) means of providing information;
  s.15 duty to advise and assist; s.16 refusal notice; s.20(1) requirement for
  review (s.20(3): in writing, name, address for correspondence, the request
  and the matter of dissatisfaction; s.20(5): within 40 working days);
  s.21(1) review within 20 working days; s.47(1) application to the Scottish
  Information Commissioner (s.47(4): within six months).
* EIR   -- Environmental Information Regulations 2004 (SI 2004/3391):
  reg 5(1) duty to make available on request; reg 5(2) "as soon as possible
  and no later than 20 working days after the date of receipt of the
  request"; reg 6 form and format; reg 9 advice and assistance; reg 11
  representations and reconsideration (reg 11(2): within 40 working days;
  reg 11(4): decision within 40 working days); reg 14 refusal; reg 18
  applies Parts IV and V of FOIA, so complaints go to the Information
  Commissioner under s.50.
* EISR  -- Environmental Information (Scotland) Regulations 2004 (SSI
  2004/520): reg 5(1) duty; reg 5(2)(a) 20 working days; reg 6 form and
  format; reg 9 advice and assistance; reg 13 refusal; reg 16 review by the
  authority (reg 16(2): within 40 working days; reg 16(4): decision within 20
  working days); reg 17 applies Part 4 of FOISA, so applications go to the
  Scottish Information Commissioner under s.47.
* SAR   -- UK GDPR Art. 15 right of access (Art. 15(1)(a)-(h) the
  supplementary information; Art. 15(3) a copy, in a commonly used electronic
  form if asked for by electronic means); Art. 12(3) "without undue delay and
  in any event within one month of receipt of the request", extendable by two
  further months (the period, its extension and when the clock stops are in Art. 12A,
  inserted by the Data (Use and Access) Act 2025 s.76); Art. 12(4) reasons for not acting; Art. 12(6) information
  to confirm identity; Art. 38(4) data subjects may contact the Data
  Protection Officer; Art. 77 right to lodge a complaint with the supervisory
  authority.  Data Protection Act 2018: s.45 right of access for
  law-enforcement processing (police), s.54 the applicable time period
  (one month), s.165 complaints by data subjects.  There is no statutory
  internal review for SARs: the ICO expects the data subject to raise the
  matter with the controller first.

Regulators' complaint pages (checked November 2026):
ICO FOI/EIR: https://ico.org.uk/make-a-complaint/foi-and-eir-complaints/
ICO data protection: https://ico.org.uk/make-a-complaint/data-protection-complaints/
Scottish Information Commissioner: https://www.foi.scot/appeal
(formerly https://www.itspublicknowledge.info/appeal).
"""

from __future__ import annotations

from copy import deepcopy

from ..errors import UsageError

ICO = "Information Commissioner's Office"
SIC = "Scottish Information Commissioner"
ICO_FOI_URL = "https://ico.org.uk/make-a-complaint/foi-and-eir-complaints/"
ICO_DP_URL = "https://ico.org.uk/make-a-complaint/data-protection-complaints/"
SIC_URL = "https://www.foi.scot/appeal"

#: Keys every entry has (letter_templates/README.md documents them).
KEYS = (
    "regime",
    "act",
    "short",
    "scottish",
    "environmental",
    "letter_kind",
    "request_noun",
    "right_section",
    "right_cite",
    "right_ref",
    "time_limit_section",
    "time_limit_cite",
    "time_limit_ref",
    "time_limit",
    "time_limit_days",
    "advice_section",
    "means_section",
    "refusal_section",
    "exemption_word",
    "presumption_section",
    "review",
    "review_section",
    "review_cite",
    "review_limit",
    "review_limit_cite",
    "review_request_limit",
    "regulator",
    "regulator_short",
    "regulator_section",
    "regulator_cite",
    "complaint",
    "complaint_url",
    "sources",
)

LAW: dict[str, dict] = {
    # Freedom of Information Act 2000 (England, Wales, Northern Ireland, UK-wide bodies)
    "foia": {
        "regime": "foia",
        "act": "Freedom of Information Act 2000",
        "short": "FOIA",
        "scottish": False,
        "environmental": False,
        "letter_kind": "Freedom of Information request",
        "request_noun": "request for information",
        "right_section": "section 1(1)",  # FOIA s.1(1)
        "right_cite": "s.1",
        "right_ref": "section 1(1) of the Freedom of Information Act 2000",
        "time_limit_section": "section 10(1)",  # FOIA s.10(1)
        "time_limit_cite": "s.10(1)",
        "time_limit_ref": "section 10(1) of the Freedom of Information Act 2000",
        "time_limit": (
            "promptly and in any event not later than the twentieth working day following the date of receipt"
        ),
        "time_limit_days": 20,
        "advice_section": "section 16",  # FOIA s.16
        "means_section": "section 11(1)",  # FOIA s.11(1)(a)
        "refusal_section": "section 17",  # FOIA s.17(1)
        "exemption_word": "exemption",
        "presumption_section": None,
        "review": "internal review under the section 45 Code of Practice",
        "review_section": "the section 45 Code of Practice",  # Code (2018), Part 5
        "review_cite": "s.45 Code of Practice",
        "review_limit": (
            "within 20 working days of receiving the request for review, or 40 working days in exceptional cases"
        ),
        "review_limit_cite": "s.45 Code of Practice (2018), Part 5",
        "review_request_limit": "40 working days after the response",  # Code, Part 5
        "regulator": ICO,
        "regulator_short": "the ICO",
        "regulator_section": "section 50",  # FOIA s.50(1)
        "regulator_cite": "s.50",
        "complaint": (
            "complaint to the Information Commissioner under section 50 of the Freedom of Information Act 2000"
        ),
        "complaint_url": ICO_FOI_URL,
        "sources": [
            "FOIA 2000 s.1, s.8, s.10, s.11, s.16, s.17, s.45, s.50",
            "Section 45 Code of Practice (2018), Part 5",
        ],
    },
    # Freedom of Information (Scotland) Act 2002 (Scottish public authorities)
    "foisa": {
        "regime": "foisa",
        "act": "Freedom of Information (Scotland) Act 2002",
        "short": "FOISA",
        "scottish": True,
        "environmental": False,
        "letter_kind": "Freedom of Information request",
        "request_noun": "request for information",
        "right_section": "section 1(1)",  # FOISA s.1(1)
        "right_cite": "s.1",
        "right_ref": "section 1(1) of the Freedom of Information (Scotland) Act 2002",
        "time_limit_section": "section 10(1)",  # FOISA s.10(1)(a)
        "time_limit_cite": "s.10(1)",
        "time_limit_ref": "section 10(1) of the Freedom of Information (Scotland) Act 2002",
        "time_limit": (
            "promptly and in any event by not later than the twentieth working day after receipt of the request"
        ),
        "time_limit_days": 20,
        "advice_section": "section 15",  # FOISA s.15(1)
        "means_section": "section 11(1)",  # FOISA s.11(1), (2)(a)
        "refusal_section": "section 16",  # FOISA s.16(1)
        "exemption_word": "exemption",
        "presumption_section": None,
        "review": "requirement for review under section 20",
        "review_section": "section 20(1)",  # FOISA s.20(1), (3)
        "review_cite": "s.20",
        "review_limit": (
            "promptly and in any event by not later than the twentieth "
            "working day after receipt of the requirement for review"
        ),
        "review_limit_cite": "s.21(1)",  # FOISA s.21(1)
        "review_request_limit": "40 working days",  # FOISA s.20(5)
        "regulator": SIC,
        "regulator_short": "the Scottish Information Commissioner",
        "regulator_section": "section 47(1)",  # FOISA s.47(1), (4)
        "regulator_cite": "s.47(1)",
        "complaint": (
            "application to the Scottish Information Commissioner for a "
            "decision under section 47(1) of the Freedom of Information "
            "(Scotland) Act 2002"
        ),
        "complaint_url": SIC_URL,
        "sources": ["FOISA 2002 s.1, s.8, s.10, s.11, s.15, s.16, s.20, s.21, s.47"],
    },
    # Environmental Information Regulations 2004 (same bodies as FOIA)
    "eir": {
        "regime": "eir",
        "act": "Environmental Information Regulations 2004",
        "short": "the EIR",
        "scottish": False,
        "environmental": True,
        "letter_kind": "Environmental information request",
        "request_noun": "request for environmental information",
        "right_section": "regulation 5(1)",  # EIR reg 5(1)
        "right_cite": "reg 5",
        "right_ref": "regulation 5(1) of the Environmental Information Regulations 2004",
        "time_limit_section": "regulation 5(2)",  # EIR reg 5(2)
        "time_limit_cite": "reg 5(2)",
        "time_limit_ref": "regulation 5(2) of the Environmental Information Regulations 2004",
        "time_limit": (
            "as soon as possible and no later than 20 working days after the date of receipt of the request"
        ),
        "time_limit_days": 20,
        "advice_section": "regulation 9",  # EIR reg 9(1)
        "means_section": "regulation 6(1)",  # EIR reg 6(1)
        "refusal_section": "regulation 14",  # EIR reg 14
        "exemption_word": "exception",
        "presumption_section": "regulation 12(2)",  # EIR reg 12(2): presumption in favour of disclosure
        "review": "representations under regulation 11",
        "review_section": "regulation 11(1)",  # EIR reg 11(1), (2)
        "review_cite": "reg 11",
        "review_limit": (
            "as soon as possible and no later than 40 working days after the date of receipt of the representations"
        ),
        "review_limit_cite": "reg 11(4)",  # EIR reg 11(4)
        "review_request_limit": "40 working days",  # EIR reg 11(2)
        "regulator": ICO,
        "regulator_short": "the ICO",
        "regulator_section": "section 50 (applied by regulation 18)",  # EIR reg 18(1)
        "regulator_cite": "reg 18 applying FOIA s.50",
        "complaint": (
            "complaint to the Information Commissioner under section 50 "
            "of the Freedom of Information Act 2000, as applied by "
            "regulation 18 of the Environmental Information Regulations 2004"
        ),
        "complaint_url": ICO_FOI_URL,
        "sources": ["EIR 2004 reg 5, reg 6, reg 9, reg 11, reg 14, reg 18", "FOIA 2000 s.50"],
    },
    # Environmental Information (Scotland) Regulations 2004 (Scottish bodies)
    "eisr": {
        "regime": "eisr",
        "act": "Environmental Information (Scotland) Regulations 2004",
        "short": "the EISR",
        "scottish": True,
        "environmental": True,
        "letter_kind": "Environmental information request",
        "request_noun": "request for environmental information",
        "right_section": "regulation 5(1)",  # EISR reg 5(1)
        "right_cite": "reg 5",
        "right_ref": "regulation 5(1) of the Environmental Information (Scotland) Regulations 2004",
        "time_limit_section": "regulation 5(2)",  # EISR reg 5(2)(a)
        "time_limit_cite": "reg 5(2)",
        "time_limit_ref": "regulation 5(2) of the Environmental Information (Scotland) Regulations 2004",
        "time_limit": (
            "as soon as possible and in any event no later than 20 "
            "working days after the date of receipt of the request"
        ),
        "time_limit_days": 20,
        "advice_section": "regulation 9",  # EISR reg 9(1)
        "means_section": "regulation 6(1)",  # EISR reg 6(1)
        "refusal_section": "regulation 13",  # EISR reg 13
        "exemption_word": "exception",
        "presumption_section": "regulation 10(2)(b)",  # EISR reg 10(2)(b)
        "review": "requirement for review under regulation 16",
        "review_section": "regulation 16(1)",  # EISR reg 16(1), (2)
        "review_cite": "reg 16",
        "review_limit": (
            "as soon as possible and in any event no later than 20 "
            "working days after the date of receipt of the requirement "
            "for review"
        ),
        "review_limit_cite": "reg 16(4)",  # EISR reg 16(4)
        "review_request_limit": "40 working days",  # EISR reg 16(2)
        "regulator": SIC,
        "regulator_short": "the Scottish Information Commissioner",
        "regulator_section": "section 47(1) (applied by regulation 17)",  # EISR reg 17
        "regulator_cite": "reg 17 applying FOISA s.47",
        "complaint": (
            "application to the Scottish Information Commissioner under "
            "section 47(1) of the Freedom of Information (Scotland) Act "
            "2002, as applied by regulation 17 of the Environmental "
            "Information (Scotland) Regulations 2004"
        ),
        "complaint_url": SIC_URL,
        "sources": ["EISR 2004 reg 5, reg 6, reg 9, reg 13, reg 16, reg 17", "FOISA 2002 s.47"],
    },
    # Subject access: UK GDPR Art. 15, DPA 2018 (s.45 for police law-enforcement data)
    "sar": {
        "regime": "sar",
        "act": "UK GDPR Article 15 and the Data Protection Act 2018",
        "short": "UK GDPR",
        "scottish": False,
        "environmental": False,
        "letter_kind": "Subject access request",
        "request_noun": "subject access request",
        "right_section": "Article 15",  # UK GDPR Art. 15(1), (3)
        "right_cite": "Art. 15",
        "right_ref": "Article 15 of the UK GDPR",
        # UK GDPR Art. 12(3), and Art. 12A (inserted by the Data (Use and Access) Act 2025 s.76,
        # in force 5 Feb 2026): the "applicable time period" and when the clock stops
        "time_limit_section": "Articles 12(3) and 12A",
        "time_limit_cite": "Art. 12(3), 12A",
        "time_limit_ref": "Articles 12(3) and 12A of the UK GDPR",
        "time_limit": ("without undue delay and in any event within one month of receipt of the request"),
        "time_limit_days": None,  # a calendar month, not working days
        "advice_section": None,
        "means_section": "Article 15(3)",  # copy in electronic form
        "refusal_section": "Article 12(4)",  # UK GDPR Art. 12(4)
        "exemption_word": "exemption",  # DPA 2018 Schedules 2-4
        "presumption_section": None,
        "review": "to the controller's Data Protection Officer",
        "review_section": "Article 38(4)",  # UK GDPR Art. 38(4)
        "review_cite": "Art. 38(4)",
        "review_limit": None,  # no statutory review period
        "review_limit_cite": None,
        "review_request_limit": None,
        "regulator": ICO,
        "regulator_short": "the ICO",
        "regulator_section": "Article 77 of the UK GDPR and section 165 of the Data Protection Act 2018",
        "regulator_cite": "UK GDPR Art. 77 / DPA 2018 s.165",
        "complaint": (
            "complaint to the Information Commissioner under Article 77 "
            "of the UK GDPR and section 165 of the Data Protection Act 2018"
        ),
        "complaint_url": ICO_DP_URL,
        "sources": ["UK GDPR Art. 12, Art. 15, Art. 38(4), Art. 77", "DPA 2018 s.45, s.54, s.165"],
    },
}

assert all(set(entry) == set(KEYS) for entry in LAW.values())


def law_for(regime: str) -> dict:
    """The wording for *regime* (a copy: callers and templates may not change LAW)."""
    key = str(regime).strip().lower()
    if key not in LAW:
        raise UsageError(f"unknown regime {regime!r}", hint="use one of: " + ", ".join(LAW))
    return deepcopy(LAW[key])
