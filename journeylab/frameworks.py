"""The stage frameworks of the course, as data, and the mapping between them.

The course meets four ways of cutting a customer journey into stages:

* ``hourglass`` — seven steps, Know, Like, Trust, Try, Buy, Repeat, Refer
  (notebook 04). It narrows towards the purchase and widens again as happy
  customers buy again and bring others.
* ``five_stage`` — Awareness, Interest, Desire, Action, Post-action (notebook 05).
* ``five_stage_advocacy`` — Awareness, Consideration, Decision, Retention,
  Advocacy: the other five-stage list of the same guide (notebook 05). Its names
  do not pair with the first list by position (its Retention comes *after* the
  purchase), so it is a framework of its own, mapped by meaning through the
  hourglass like the others: Action falls in Decision, Post-action in Retention
  and Advocacy.
* ``cycle`` — a simple four-phase cycle, Awareness, Consideration, Purchase,
  Loyalty (notebook 06): the journey runs from before customers know you to the
  day they stop being customers, and they move back and forth through it.

The hourglass is the finest of them, so each framework says which of its
stages every hourglass step belongs to; :func:`convert` maps a stage of any
framework onto any other through that table, both ways.

>>> hourglass = get_framework("Hourglass")
>>> hourglass.stage_names
('Know', 'Like', 'Trust', 'Try', 'Buy', 'Repeat', 'Refer')
>>> convert("Trust", "hourglass", "five_stage")
('Desire',)
>>> convert("Action", "five_stage", "five_stage_advocacy")
('Decision',)
>>> convert("Post-action", "five_stage", "five_stage_advocacy")
('Retention', 'Advocacy')
>>> get_framework("funnel")
Traceback (most recent call last):
...
journeylab.errors.UnknownNameError: framework: there is no framework of that name (got 'funnel'). Allowed: hourglass, five_stage, five_stage_advocacy, cycle.
"""

from __future__ import annotations

from dataclasses import dataclass

from journeylab.errors import UnknownNameError

__all__ = [
    "Stage",
    "Framework",
    "FRAMEWORKS",
    "DEFAULT_FRAMEWORK",
    "framework_names",
    "get_framework",
    "convert",
]


@dataclass(frozen=True)
class Stage:
    """One stage of a framework and what happens in it.

    ``question`` is what the customer asks themselves here, ``customer_goal``
    what they want, ``marketer_job`` what the business does to help them on.
    """

    name: str
    question: str
    customer_goal: str
    marketer_job: str
    touchpoints: tuple[str, ...]
    kpis: tuple[str, ...]


@dataclass(frozen=True)
class Framework:
    """A named, ordered list of stages.

    ``from_hourglass`` says, for each of the seven hourglass steps, which stage
    of this framework it falls in; it is what makes frameworks convertible.
    """

    key: str
    title: str
    description: str
    stages: tuple[Stage, ...]
    from_hourglass: dict[str, str]

    @property
    def stage_names(self) -> tuple[str, ...]:
        """The stage names in journey order."""
        return tuple(stage.name for stage in self.stages)

    def stage(self, name: str) -> Stage:
        """Find a stage by its name, ignoring case and spaces at the ends.

        >>> get_framework("five_stage").stage(" post-ACTION ").name
        'Post-action'
        """
        wanted = _normalise(name) if isinstance(name, str) else None
        for stage in self.stages:
            if wanted == _normalise(stage.name):
                return stage
        raise UnknownNameError(
            "stage",
            f"the {self.title} has no stage of that name",
            value=name,
            allowed=self.stage_names,
        )

    def table(self, *columns: str):
        """The stages as a table, one row per stage, with the named facts as columns (notebooks 02, 06).

        ``columns`` are fields of :class:`Stage`: question, customer_goal,
        marketer_job, touchpoints, kpis; lists show as text, comma-separated.

        >>> get_framework("cycle").table("question").loc["Purchase", "question"]
        'How do I buy, and will it go smoothly?'
        """
        import pandas as pd  # only when a table is asked for: the frameworks themselves are plain data

        known = [field for field in Stage.__dataclass_fields__ if field != "name"]
        for column in columns:
            if column not in known:
                raise UnknownNameError("column", "is not a fact the stages hold", value=column, allowed=known)
        rows = {column: [_as_text(getattr(stage, column)) for stage in self.stages] for column in columns or known}
        return pd.DataFrame(rows, index=pd.Index(self.stage_names, name="stage"))

    def position(self, name: str) -> int:
        """The 0-based place of a stage in the journey (Know is 0 in the hourglass)."""
        return self.stage_names.index(self.stage(name).name)


def _as_text(value: str | tuple[str, ...]) -> str:
    return value if isinstance(value, str) else ", ".join(value)


def _normalise(name: str) -> str:
    return name.strip().casefold()


HOURGLASS = Framework(
    key="hourglass",
    title="seven-step hourglass",
    description=(
        "Seven steps organised around what customers want to do: get to know a "
        "business, like it, trust it, try it, buy, buy again and refer others. "
        "It narrows towards the purchase and widens again at the bottom, where "
        "happy customers bring new ones."
    ),
    stages=(
        Stage(
            name="Know",
            question="Who can answer my question or solve my problem?",
            customer_goal="Find someone who understands the problem they have.",
            marketer_job="Introduce the business by talking about the customer's pain points in the customer's own words.",
            touchpoints=("Social media post", "Paid ad", "Search result", "Word of mouth"),
            kpis=("Impressions", "Reach", "New visitors"),
        ),
        Stage(
            name="Like",
            question="Do I like how they work, what they say and what they stand for?",
            customer_goal="Decide quickly whether this business fits them.",
            marketer_job="Make the website and content show that the customer belongs here.",
            touchpoints=("Website", "Blog article", "Newsletter", "Video"),
            kpis=("Click-through rate", "Time on site", "Bounce rate"),
        ),
        Stage(
            name="Trust",
            question="Can I count on them to keep their promise?",
            customer_goal="See proof that others trust the business.",
            marketer_job="Show social proof: reviews, testimonials, case studies.",
            touchpoints=("Reviews", "Testimonials", "Case study", "FAQ page"),
            kpis=("Review views", "Content downloads", "Return visits"),
        ),
        Stage(
            name="Try",
            question="What is it like to work with them, at little risk?",
            customer_goal="Take a first small step before paying in full.",
            marketer_job="Offer a low-risk first step: a free sample, trial, e-book or consultation.",
            touchpoints=("Free trial", "Sample", "Webinar", "Store visit"),
            kpis=("Sign-ups", "Trial starts", "Wishlist adds"),
        ),
        Stage(
            name="Buy",
            question="How much is it, and how easy is it to buy?",
            customer_goal="Buy without friction and get what was promised.",
            marketer_job="Make buying simple, safe and clear.",
            touchpoints=("Checkout", "Sales call", "Store", "Payment page"),
            kpis=("Conversion rate", "Cart abandonment rate", "Orders"),
        ),
        Stage(
            name="Repeat",
            question="Did I get the value I was promised, and what next?",
            customer_goal="Get value from the purchase and find the next solution.",
            marketer_job="Follow up, check that the value arrived and offer what comes next.",
            touchpoints=("Thank-you email", "Customer service", "Loyalty programme", "App"),
            kpis=("Repeat purchase rate", "Churn rate", "CSAT"),
        ),
        Stage(
            name="Refer",
            question="Who do I know that should hear about this?",
            customer_goal="Share a good experience with friends and colleagues.",
            marketer_job="Build a system that asks for and rewards referrals.",
            touchpoints=("Referral programme", "Review request", "Community", "Social share"),
            kpis=("NPS", "Referrals", "Reviews written"),
        ),
    ),
    from_hourglass={name: name for name in ("Know", "Like", "Trust", "Try", "Buy", "Repeat", "Refer")},
)

FIVE_STAGE = Framework(
    key="five_stage",
    title="five-stage journey",
    description=(
        "Five stages from first contact to life after the purchase: Awareness, "
        "Interest, Desire, Action and Post-action."
    ),
    stages=(
        Stage(
            name="Awareness",
            question="Is this something for me?",
            customer_goal="Notice that a solution to their need exists.",
            marketer_job="Increase visibility so that the right people find the business.",
            touchpoints=("Social media ad", "Search result", "Influencer post", "Blog article"),
            kpis=("Impressions", "Reach", "New visitors"),
        ),
        Stage(
            name="Interest",
            question="What other solutions exist, and how do they compare?",
            customer_goal="Learn more and compare the options.",
            marketer_job="Engage with useful content, lead magnets and nurture e-mails.",
            touchpoints=("Product page", "Webinar", "E-book", "Newsletter"),
            kpis=("Click-through rate", "Time on site", "Content downloads"),
        ),
        Stage(
            name="Desire",
            question="Why this one, and can I trust it?",
            customer_goal="Become sure that this is the right choice.",
            marketer_job="Show what makes the offer unique, with stories, reviews and testimonials.",
            touchpoints=("Reviews", "Testimonials", "Comparison page", "Free trial"),
            kpis=("Wishlist adds", "Product page visits", "Trial starts"),
        ),
        Stage(
            name="Action",
            question="How much is it, and how do I buy?",
            customer_goal="Buy quickly and safely.",
            marketer_job="Remove friction from checkout and nudge with clear calls to action.",
            touchpoints=("Checkout", "Live chat", "Payment page", "Store"),
            kpis=("Conversion rate", "Cart abandonment rate", "Orders"),
        ),
        Stage(
            name="Post-action",
            question="Was it worth it, and who should I tell?",
            customer_goal="Enjoy the purchase, come back and recommend it.",
            marketer_job="Thank, follow up, reward loyalty and ask for reviews and referrals.",
            touchpoints=("Thank-you email", "Loyalty programme", "Review request", "Community"),
            kpis=("Repeat purchase rate", "Churn rate", "NPS", "CSAT"),
        ),
    ),
    from_hourglass={
        "Know": "Awareness",
        "Like": "Interest",
        "Trust": "Desire",
        "Try": "Desire",
        "Buy": "Action",
        "Repeat": "Post-action",
        "Refer": "Post-action",
    },
)

FIVE_STAGE_ADVOCACY = Framework(
    key="five_stage_advocacy",
    title="five stages to advocacy",
    description=(
        "The guide's other five-stage list: Awareness, Consideration, Decision, "
        "Retention and Advocacy. The purchase falls in Decision; Retention and "
        "Advocacy both come after it."
    ),
    stages=(
        Stage(
            name="Awareness",
            question="Is this something for me?",
            customer_goal="Notice that a solution to their need exists.",
            marketer_job="Increase visibility so that the right people find the business.",
            touchpoints=("Social media ad", "Search result", "Influencer post", "Blog article"),
            kpis=("Impressions", "Reach", "New visitors"),
        ),
        Stage(
            name="Consideration",
            question="What are my options, and can I trust this one?",
            customer_goal="Compare the options and come to trust one of them.",
            marketer_job="Answer questions with useful content, reviews and proof.",
            touchpoints=("Product page", "Reviews", "Newsletter", "Comparison page"),
            kpis=("Click-through rate", "Time on site", "Wishlist adds"),
        ),
        Stage(
            name="Decision",
            question="Shall I try it, and how do I buy?",
            customer_goal="Try at little risk, then buy quickly and safely.",
            marketer_job="Offer a first small step and remove friction from checkout.",
            touchpoints=("Free trial", "Checkout", "Live chat", "Store"),
            kpis=("Trial starts", "Conversion rate", "Cart abandonment rate"),
        ),
        Stage(
            name="Retention",
            question="Did I get the value I was promised, and why come back?",
            customer_goal="Get value from the purchase and stay a customer.",
            marketer_job="Follow up, check that the value arrived and reward loyalty.",
            touchpoints=("Thank-you email", "Loyalty programme", "Customer service"),
            kpis=("Repeat purchase rate", "Churn rate", "CSAT"),
        ),
        Stage(
            name="Advocacy",
            question="Who should hear about this?",
            customer_goal="Share a good experience with others.",
            marketer_job="Ask for reviews and referrals, and reward them.",
            touchpoints=("Review request", "Referral programme", "Community"),
            kpis=("NPS", "Referrals", "Reviews written"),
        ),
    ),
    from_hourglass={
        "Know": "Awareness",
        "Like": "Consideration",
        "Trust": "Consideration",
        "Try": "Decision",
        "Buy": "Decision",
        "Repeat": "Retention",
        "Refer": "Advocacy",
    },
)

CYCLE = Framework(
    key="cycle",
    title="four-phase cycle",
    description=(
        "The simplest view: a continuous cycle of four phases that runs from "
        "before customers know the business exists until they stop being "
        "customers. Customers move through it back and forth, not in order."
    ),
    stages=(
        Stage(
            name="Awareness",
            question="Is there something out there for my need?",
            customer_goal="Discover that the business exists.",
            marketer_job="Tell the business's story with the right message at the right moment.",
            touchpoints=("Social media", "Advertising", "Word of mouth"),
            kpis=("Reach", "New visitors"),
        ),
        Stage(
            name="Consideration",
            question="Is this the right choice for me?",
            customer_goal="Weigh the options and get to know the business.",
            marketer_job="Answer the customer's questions before they ask: most of the decision is made before they get in touch.",
            touchpoints=("Website", "Reviews", "Store visit"),
            kpis=("Click-through rate", "Wishlist adds"),
        ),
        Stage(
            name="Purchase",
            question="How do I buy, and will it go smoothly?",
            customer_goal="Buy with good service.",
            marketer_job="Give service good enough that the customer would pay more for it.",
            touchpoints=("Checkout", "Customer service", "Store"),
            kpis=("Conversion rate", "Cart abandonment rate"),
        ),
        Stage(
            name="Loyalty",
            question="Do I stay, come back and tell others?",
            customer_goal="Keep getting value and stay a customer.",
            marketer_job="Keep the relationship relevant so that customers stay and return.",
            touchpoints=("E-mail", "Loyalty programme", "Customer service"),
            kpis=("Repeat purchase rate", "Churn rate", "NPS"),
        ),
    ),
    from_hourglass={
        "Know": "Awareness",
        "Like": "Consideration",
        "Trust": "Consideration",
        "Try": "Consideration",
        "Buy": "Purchase",
        "Repeat": "Loyalty",
        "Refer": "Loyalty",
    },
)

FRAMEWORKS: dict[str, Framework] = {fw.key: fw for fw in (HOURGLASS, FIVE_STAGE, FIVE_STAGE_ADVOCACY, CYCLE)}
"""Every framework by its key, in the order the course introduces them."""

DEFAULT_FRAMEWORK = "hourglass"

_FRAMEWORK_ALIASES = {
    "seven-step": "hourglass",
    "seven_step": "hourglass",
    "five-stage": "five_stage",
    "five stage": "five_stage",
    "four-phase": "cycle",
    "four_phase": "cycle",
}


def framework_names() -> tuple[str, ...]:
    """The keys of every framework, in course order."""
    return tuple(FRAMEWORKS)


def get_framework(name: str | Framework) -> Framework:
    """Look up a framework by key (``"hourglass"``), ignoring case.

    A :class:`Framework` passed in comes back unchanged, so functions can take either.
    """
    if isinstance(name, Framework):
        return name
    if isinstance(name, str):
        key = _normalise(name)
        key = _FRAMEWORK_ALIASES.get(key, key)
        if key in FRAMEWORKS:
            return FRAMEWORKS[key]
    raise UnknownNameError(
        "framework", "there is no framework of that name", value=name, allowed=framework_names()
    )


def convert(stage: str, source: str | Framework, target: str | Framework) -> tuple[str, ...]:
    """The stage(s) of ``target`` that cover ``stage`` of ``source``, in journey order.

    Going from a coarse framework to a finer one can give several stages
    (Post-action covers Repeat and Refer); going the other way gives one.

    >>> convert("Post-action", "five_stage", "hourglass")
    ('Repeat', 'Refer')
    >>> convert("Try", "hourglass", "cycle")
    ('Consideration',)
    """
    source_fw, target_fw = get_framework(source), get_framework(target)
    stage_name = source_fw.stage(stage).name
    steps = [step for step, name in source_fw.from_hourglass.items() if name == stage_name]
    covered = {target_fw.from_hourglass[step] for step in steps}
    return tuple(name for name in target_fw.stage_names if name in covered)
