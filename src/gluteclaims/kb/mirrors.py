"""Hosts that copy or summarise other people's records, so an address there is never the canonical one.

`verification.checked` gives the canonical address of what was read (PubMed, PMC, doi.org, the
publisher, a trial registry, a thesis's own repository); a copy of a paper on a document-sharing
site, a metadata echo of PubMed or Crossref, a library catalogue entry or a blog's summary of a
paper is not. A host matches itself and its subdomains. Hosts that are also a publisher of record
for some works (ProQuest, for dissertations) are left out, so a record's own home is not flagged.
"""

from __future__ import annotations

from urllib.parse import urlsplit

MIRROR_HOSTS = frozenset(
    {
        # Copies of papers and PDF dumps
        "scribd.com",
        "studylib.net",
        "studylib.es",
        "docksci.com",
        "coek.info",
        "pdfdrive.to",
        "epage.pub",
        "readkong.com",
        "researchgate.net",
        # Echoes of PubMed, Crossref or Web of Science records, and aggregators
        "ouci.dntb.gov.ua",
        "ebusca.uv.mx",
        "zhixidata.com",
        "omicsdi.org",
        "scilit.net",
        "x-mol.com",
        "mendeley.com",
        "discovery.researcher.life",
        "peeref.com",
        "unboundmedicine.com",
        "springermedicine.com",
        "semanticscholar.org",
        "globalauthorid.com",
        # Library catalogues and literature databases
        "katalog.lib.cas.cz",
        "katalog.k.utb.cz",
        "cir.nii.ac.jp",
        "libmast.utm.my",
        "library.kab.ac.ug",
        "bisp-surf.de",
        "iat.uni-leipzig.de",
        "eld.bl.uk",
        "acnpsearch.tweb-dev.unibo.it",
        "wprim.whocc.org.cn",
        # Blogs and sites that summarise papers
        "blogspot.com",
        "tistory.com",
        "physiospot.com",
        "clementnoelphysio.org",
        "brookbushinstitute.com",
        "painscience.com",
        "e3rehab.com",
        "coreperformance.com",
        "strengthscience.co",
        "sedentarybehaviour.org",
        "stanfordsportsmedicine.com",
        "castlebodywork.com",
        "charlieweingroff.com",
        "anatomia-fisioterapia.es",
        "archive.anatomy-physiotherapy.com",
        "physiodarman.ir",
    }
)


def is_mirror(address: str) -> bool:
    """True when the address is on a host that copies or summarises other people's records."""
    parts = (urlsplit(address.strip()).hostname or "").split(".")  # hostname is lower-cased
    return any(".".join(parts[i:]) in MIRROR_HOSTS for i in range(len(parts) - 1))
