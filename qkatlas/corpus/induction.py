"""Repeated random token sequences: the corpus that finds induction heads (``induction:N:L``).

Each sequence is ``L`` words drawn at random (seeded), then the same ``L`` words again:
``w1 w2 .. wL w1 w2 .. wL``. In the second copy, a head that attends from ``w_i`` to the token
*after* ``w_i``'s first occurrence (``w_{i+1}`` of the first copy) is an induction head (Olsson et
al. 2022); one that attends to the first occurrence itself is a duplicate-token head; the usual
previous-token heads are what induction heads read from. The metrics are
``qkatlas.analysis.metrics`` ``induction`` / ``duplicate_token`` (defined on token ids, so they
work on any text) and the taxonomy label ``induction``.

Why words, not token ids: a corpus is resolved before any model (and tokenizer) is loaded, and
the capture pipeline tokenises text. The words below are single tokens, with and without a
leading space, in both demo tokenizers (BERT-uncased WordPiece of demo:minilm and the byte-level
BPE of demo:smollm2; checked when the list was made), so each copy is the same random token
sequence there; with other tokenizers a word may split into several tokens, and the two copies
are still identical token sequences (only the very first word of a byte-level BPE text differs:
it has no leading space). They are common English words drawn uniformly, so the sequence is
meaningless text: what a head does with it is copying, not language.

Specs: ``induction:N:L`` (N sequences of 2 x L words), ``induction:L`` (N from ``--max-sequences``,
default 100), ``demo:induction`` = ``induction:100:25``; the seed is the build's ``--seed``.
"""

from __future__ import annotations

import random

from qkatlas.corpus.text import TextCorpus
from qkatlas.errors import InputError

DEMO_SPEC = "demo:induction"
DEFAULT_SEQUENCES = 100
DEFAULT_LENGTH = 25
MAX_LENGTH = 2000

WORDS = tuple("""
head team american because born film since still long work south any high again day family see
right man house season war states including life north same each called name much place however
four group another found won area here going away series left home music best make hand number
company several never last very take end good too following game played little district old want
those side held own early league use west face think came small general town line based
something thought along air club went our few east show member college father public come men
five set station church next former room party located age got system let love though every look
song water century without body black night within great women single building large river named
band white started once should service top built open death king local times children book why
door need president order final road although due major died third say together received main
son different felt members power law voice play near park history having mother point front help
english street art late hands games young put published country division often ever center six
red led days include light find tell among species really according central half form original
office making enough lost full opened must live given player run business woman community cup
might million land court short round seen class story always research almost director things
using car close force better free support control field students education married nothing
worked others record big inside level give military non feel does title written thing feet far
hard already human western hall role heart living fire version produced working act case region
present radio period looking least total keep wife program per brother mind special works soon
political services taken created able union joined upon done important social either position
ground lead rock dark election board hair course arms site girl instead real sound words moment
someone summer project san less past blue founded taking records design god stop outside track
today playing language call low win yet green blood science maybe match square mouth video race
recorded leave above daughter points space museum change middle common move post lake seven
elected closed ten months start chief return person sea release similar modern rest hit formed
floor event doing care training star week needed turn finished rather news health sent example
ran term coming currently yes forces gold areas stage fact dead popular probably developed
result friend stood money running signed word child met average minutes current deep kind
usually eastern episode bed added table private route available idea appointed style books eight
press mean wall friends study sometimes events possible type brown forward talk process food
seat committee features character arts else lot strong range hours arm sold directed list media
players placed leading whole boy official designed grand attack cross getting alone action lower
network wide hospital changed hold gone ship studies shot rights below base bad largest bank
future mark movement section female plan lord sat hill actually civil energy model families size
thus aircraft completed includes data fight bridge fourth stone means medical groups self lived
bit passed hot fine reported jack fall raised stay true systems leader whose market capital
parents earth cut degree writing bay natural higher bill coast provided previous onto countries
parts security interest allowed master phone matter winning try moving los mid certain date
standing artist deal mine industry library student primary owned older via heavy attention
stated length ended command staff skin foreign opening kill sun cover job hell success reason
standard trade source rose goal chapter native unit limited covered forced related complete key
cold channel films clear nine van question active tracks regional author personal sense
operation economic holding speed hour regular historic places movie prior report read view
engine units ask property ready month listed contract manager lines writer runs practice glass
required forest starting culture generally giving access test stand eye thinking chair quite
decision plays whether structure pain ice direction paper mission mostly managed nature plant
except studied computer figure issue loss die gun ago highest male problem distance location
annual famous drive neck surface caused wrong comes double issues castle income review assembly
walk foot window miss baby boys break stars edge remember policy train bar sex evidence upper
step wing financial reach actor minute complex perhaps metal bishop tree subject contains theory
trust happy terms camp religious pass names port tom watch legal anti justice cause material
changes response fast answer stories create feature rate cultural winner programs guard cast
doctor flight results cost effect winter problems pay failed selected hurt fort box journal
shown pretty scene likely operated allow spring matches houses marriage rules oil expected sam
peace recent iii wait cell serving please poor attempt wood piece prime mile touch fighting
claimed score physical editor filled specific super mom supported status cases store meaning
minor tower focus follow horse fifth branch uses secret forms choice note travel truth ball
color dad wind continue ring numbers digital greater direct rule trees hundred weight sleep
memory defense ordered code value windows safe growing pre lies spread letter transport watching
workers extended normal chart multiple border host daily walls heat cannot earned products era
join grade sign difficult machine mainly stations iron sky broken charge knowledge ships article
campus simple leaves soft easy quality planned mass share image wild offer electric reading
headed ability yellow cars pop acting seeing pressure online beat elements walking vote needs
text global block shirt levels purpose ahead gas safety firm amount mixed perfect seconds paid
save label academic teacher formerly ben nation shut housing function von mentioned build
picture exchange percent racing fish volume drew marine farm risk positive magic effects gray
screen dog bus none secondary flying founder lay urban ones finish fully growth page projects
advanced basic pair visit search grant treatment primarily bottom owner dream spot notes contact
accepted ways del split price capacity basis trial questions
""".split())


def parse_spec(spec: str, max_sequences: int | None = None) -> tuple[int, int]:
    """(sequences, words per copy) of an ``induction:N:L`` / ``induction:L`` / ``demo:induction`` spec."""
    spec = str(spec).strip()
    if spec == DEMO_SPEC:
        n, length = DEFAULT_SEQUENCES, DEFAULT_LENGTH
    else:
        body = spec.removeprefix("induction:")
        parts = body.split(":") if body else []
        try:
            values = [int(p) for p in parts]
        except ValueError:
            values = []
        if len(values) not in (1, 2) or any(v < 1 for v in values):
            raise InputError(f"corpus {spec!r}: write induction:N:L (N sequences of L random words, each repeated "
                             f"twice; e.g. induction:100:25) or induction:L")
        n, length = (values[0], values[1]) if len(values) == 2 else (DEFAULT_SEQUENCES, values[0])
    if length < 2 or length > MAX_LENGTH:
        raise InputError(f"corpus {spec!r}: L = {length} words per copy; use 2..{MAX_LENGTH} (e.g. induction:100:25)")
    if max_sequences is not None:
        n = min(n, max_sequences) if spec.count(":") >= 2 or spec == DEMO_SPEC else max_sequences
    return n, length


def induction_texts(n: int, length: int, seed: int = 0) -> list[str]:
    """``n`` texts, each ``length`` random words (no word twice within a copy) written twice."""
    rng = random.Random(f"qkatlas-induction-{seed}")
    texts = []
    for _ in range(n):
        words = rng.sample(WORDS, min(length, len(WORDS))) if length <= len(WORDS) else rng.choices(WORDS, k=length)
        copy = " ".join(words)
        texts.append(f"{copy} {copy}")
    return texts


def load_induction_corpus(spec, max_sequences: int | None = None, seed: int = 0) -> TextCorpus:
    """The corpus of a spec (the loader ``qkatlas.corpus.load_corpus`` routes ``induction:`` to)."""
    n, length = parse_spec(spec, max_sequences)
    return TextCorpus(f"induction:{n}:{length}", induction_texts(n, length, seed), source=f"random words, seed {seed}",
                      notes=[f"{n} sequences of {length} random words, each repeated twice (seed {seed})"])
