"""The English of the instrument catalogue (``instruments.CATALOGUE``), by slug: English pages show it
(``Instrument.name_en`` and the other ``_en`` fields). Names of organisations and Dutch legal terms
stay, with a short English gloss."""

# slug: (name, provider, description, conditions)
CATALOGUE_EN = {
    "bbz-starterskrediet": (
        "Bbz business capital for start-ups",
        "Municipality (Bbz, the Dutch self-employment assistance decree)",
        "Someone on benefits who starts their own business can apply to the municipality for business capital: a "
        "loan with interest or, if repaying is not feasible, a grant. Often combined with a preparation period and "
        "guidance.",
        "A viable business plan, which the municipality has assessed. The business must be able to make ends meet "
        "without lasting social assistance."),
    "startsubsidie-impactondernemers": (
        "Start-up grant for impact entrepreneurs",
        "Municipality",
        "A one-off contribution from the municipality for an impact enterprise's first steps: a feasibility study, "
        "a pilot or the first impact measurement. A first part of the financing makes it easier for other "
        "financiers to join.",
        "The enterprise is in the municipality's register of impact enterprises and shows which of the "
        "municipality's social goals it serves."),
    "qredits-microfinanciering": (
        "Qredits microfinance",
        "Qredits Microfinanciering Nederland",
        "Business loan with coaching for start-ups and small businesses that cannot get a bank loan.",
        "A business plan with a financial plan; a personal interview with an adviser."),
    "qredits-mkb-krediet": (
        "Qredits SME loan",
        "Qredits Microfinanciering Nederland",
        "Larger loan for existing and growing businesses; often combined with bank financing or crowdfunding.",
        "A business plan with figures for the past years."),
    "bmkb": (
        "SME credit guarantee scheme (BMKB)",
        "Netherlands Enterprise Agency (RVO), through the bank",
        "The government guarantees part of a bank loan, so that an entrepreneur with too little collateral can "
        "still borrow.",
        "The application goes through the bank or another affiliated financier; a guarantee fee is charged."),
    "crowdfunding-oneplanetcrowd": (
        "Crowdfunding for impact enterprises",
        "Oneplanetcrowd",
        "The public invests through an online platform in an enterprise with social impact, as a loan, a "
        "convertible loan or in shares. A successful campaign also shows that the idea has an audience.",
        "The platform assesses the enterprise and its impact; the entrepreneur runs the campaign and brings a "
        "network."),
    "crowdfunding-voorjebuurt": (
        "Neighbourhood crowdfunding",
        "Voor je Buurt",
        "Donations from the neighbourhood for a social initiative, sometimes doubled by a municipality or fund.",
        "A concrete initiative with a clear target amount."),
    "sif-zkij": (
        "Social Impact Fonds Zuid-Kennemerland en IJmond",
        "SIF-ZKIJ",
        "Regional impact fund (place-based impact investing): loans and equity stakes for enterprises that make an "
        "impact in the region on work for people at a distance from the labour market, poverty and debt, and "
        "inclusive sustainability. The fund measures the impact of every investment.",
        "The enterprise is based or active in the region, has a sound business model and reports its impact every "
        "year."),
    "sif-rotterdam": (
        "Social Impact Fonds Rotterdam",
        "SIFR",
        "Has invested in Rotterdam impact entrepreneurs since 2019, together with the Rotterdam Impact Coalitie; "
        "accepts a lower financial return when demonstrable impact is made in the city.",
        "Impact in Rotterdam on employment, fighting poverty or inclusive sustainability."),
    "start-foundation": (
        "Investment by Start Foundation",
        "Start Foundation",
        "Loans, guarantees and equity stakes for enterprises that create work for people at a distance from the "
        "labour market.",
        "Work for people at a distance from the labour market is central."),
    "loonkostensubsidie": (
        "Wage cost subsidy (Participatiewet, the Dutch Participation Act)",
        "Municipality (employer service point)",
        "Compensation for the employer when an employee with an occupational disability can earn less than the "
        "minimum wage; the municipality tops the wage up to the agreed wage.",
        "The municipality assesses the wage value at the workplace; the employee falls under the Participatiewet."),
    "no-riskpolis": (
        "No-risk policy",
        "UWV (Employee Insurance Agency) or municipality",
        "If an employee with an occupational disability falls ill, UWV (or the municipality) pays the sickness "
        "benefit; the employer then does not bear that risk.",
        "Applies to employees in the target group of the jobs agreement (banenafspraak) and some other groups."),
    "resultaatfinanciering": (
        "Results-based financing by the municipality",
        "Municipality",
        "The municipality pays afterwards for each result achieved and verified (for example someone who moves from "
        "social assistance to lasting work) instead of paying in advance for activities. The savings thus return "
        "to the enterprise that makes them possible.",
        "Agreed result indicators, a measurement method and a price per result."),
    "social-impact-bond": (
        "Social impact bond",
        "Municipality with private investors",
        "Investors fund a social enterprise's approach in advance; if it reaches the agreed goals, the municipality "
        "repays the investors with a return. The risk moves from the government to the investors.",
        "A clear social business case, measurable results that can be expressed in money, and enough scale to "
        "carry the preparation."),
}
