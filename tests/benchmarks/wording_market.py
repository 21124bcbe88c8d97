"""Business and technology fillers for the benchmark corpus's prose: trends, incentives,
events, consumer attitudes, pilots, market colour, the vocabulary of engineering, the economies
Chinese firms trade with and the trades that company names give.

Written for this generator; see `wording` for why the lists are broad.
"""

# Industry trends, noun phrases: "TREND has been one of the clearest trends in ..."
TRENDS = [
    "the shift of workloads to domestic clouds", "the growth of in-house privacy teams",
    "consolidation among security vendors", "the spread of privacy-enhancing computation",
    "the rise of data exchanges run by local governments", "demand for certified auditors",
    "the use of synthetic data for testing", "the move from consent to contract as a legal basis",
    "the professionalisation of data governance", "the bundling of compliance with cloud services",
    "the popularity of on-premises language models",
    "closer cooperation between legal and IT teams",
    "the entry of state-owned investors into data businesses", "tighter supplier contracts",
    "the appearance of data asset valuations on balance sheets",
    "the localisation of support teams", "falling prices for encryption hardware",
    "the use of large models in customer service", "growing interest in cyber insurance",
    "a wave of mergers among analytics firms", "the spread of one-click deletion buttons",
    "a preference for domestic software suppliers",
    "the separation of global and Chinese IT systems", "the rise of chief data officers",
    "the spread of data compliance officers in mid-sized firms",
    "the pricing of data as a factor of production", "the rise of sovereign cloud offerings",
    "the adoption of domestic databases", "a shift from perimeter security to zero trust",
    "the use of artificial intelligence in fraud detection",
    "the growth of industry-specific data spaces", "rising investment in computing power",
    "the packaging of public data into products", "the outsourcing of security operations",
    "the spread of digital identity wallets", "the convergence of privacy and security teams",
    "a boom in data labelling work in inland cities", "demand for explainable models",
    "the rise of small, specialised language models", "the relocation of servers inland",
    "the growth of cross-border e-commerce warehouses",
    "closer scrutiny of software supply chains", "the use of blockchain for audit trails",
    "the decline of third-party cookies", "the move to passwordless log-in",
    "the use of synthetic voices in customer service",
    "the growth of personal information protection certification",
    "a preference for on-device processing", "the merger of data and legal functions",
    "the rise of data trusts", "longer and more detailed vendor questionnaires",
    "falling storage costs", "growing caution about scraping",
    "the digitisation of government services", "interest in privacy-preserving advertising",
    "the professionalisation of data valuation",
    "a wave of investment in data centres in the west",
]

# What local governments offer to attract firms, noun phrases.
INCENTIVES = [
    "cheap office space", "subsidised computing power", "fast-track approvals",
    "housing allowances for skilled staff", "rent-free years in industrial parks",
    "grants for research and development", "discounted electricity for data centres",
    "priority access to public data", "help with listing on domestic exchanges",
    "guaranteed orders from local agencies", "tax rebates for software exports",
    "vouchers for security assessments", "low-interest loans", "training subsidies",
    "fast-track residence permits for skilled foreigners", "shared testing laboratories",
    "free cloud credits for start-ups", "matching funds for private investment",
    "subsidised rent for data labelling firms", "prizes for innovative applications",
    "access to state procurement", "relaxed rules in pilot zones", "government guidance funds",
    "reduced land prices", "subsidies for security certifications",
    "help with recruiting graduates", "priority connections to the power grid",
    "export credit insurance", "one-stop services", "public data sandboxes",
    "interest subsidies on equipment loans", "demonstration project status",
]

# Where firms meet, noun phrases: "At EVENT in {city}, ..."
EVENTS = [
    "a seminar", "an industry conference", "a closed-door roundtable", "a trade fair",
    "a training session for compliance staff", "a developers' summit", "a university workshop",
    "an annual security expo", "a breakfast briefing", "a hackathon", "a webinar",
    "a regional data summit", "a round of expert hearings", "an open day for start-ups",
    "a signing ceremony for data exchange members", "a forum for chief information officers",
    "a press briefing", "a competition for data applications", "a town-hall meeting",
    "a cross-border business dialogue", "a standards committee meeting", "an academic symposium",
    "a certification workshop", "a supplier day", "a law school conference",
    "a meeting of the local bar association", "an investor conference",
]

# Clauses after "{p}% of respondents ...".
CONSUMER = [
    "would switch providers after a data breach",
    "had been pestered by spam calls in the past week", "never read privacy policies",
    "were unaware they could ask for their data to be deleted",
    "did not know which apps had access to their location",
    "felt uneasy about facial recognition in shops", "had turned off personalised advertising",
    "would spend more on a service that collects less data",
    "believed companies sell their phone numbers", "used a separate phone number for shopping",
    "trusted banks more than internet platforms with their data",
    "worried about their children's screen time", "had been asked for identity card photos",
    "thought smart speakers listen all the time", "had deleted an app over privacy worries",
    "wanted clearer labels on content made by machines",
    "had tried to delete an account and given up", "kept old phones in drawers with data intact",
    "reused the same password across sites", "had shopped during a livestream",
    "preferred paying by phone to paying in cash",
    "would let a doctor use their data for research",
    "were comfortable with face scans at airports", "objected to cameras in classrooms",
    "had complained to a company about marketing calls", "knew their rights under the law",
    "wanted a simple way to see which companies hold their data",
    "believed their chats were read by advertisers", "had used a chatbot for work",
    "would share driving data for cheaper insurance", "shopped mostly on their phones",
    "checked app permissions after installing", "had been targeted by a scam call",
    "used facial recognition to unlock payments", "felt they had lost control of their data",
    "trusted hospitals with genetic information", "considered personalised prices unfair",
    "let children use their payment accounts", "turned off location sharing",
    "paid for at least one streaming subscription",
]

# What a pilot or a survey showed, clauses.
PILOT_RESULTS = [
    "filing times can be cut by half with standard forms",
    "most requests concern marketing calls rather than data breaches",
    "clear templates reduce the number of incomplete applications",
    "small firms need hands-on help more than written guidance",
    "shared testing laboratories save companies money",
    "users rarely exercise their rights unless the option is easy to find",
    "data exchanges attract buyers only when prices are transparent",
    "joint inspections spare firms repeated visits",
    "most companies can complete a self-assessment in two weeks",
    "shared templates cut the cost of assessments sharply",
    "businesses value fast answers more than detailed guidance",
    "standard contracts are accepted without changes in most cases",
    "few companies hold data that meet the definition of core data",
    "public data products sell best when bundled with analysis",
    "training sessions are more effective when held by sector",
    "firms are willing to share data when revenue is shared fairly",
    "online filing saves applicants several days",
    "many small firms do not know that the rules apply to them",
    "clear contact points reduce the number of complaints",
    "users accept data sharing when the benefit is obvious",
    "testing laboratories are in short supply outside the big cities",
    "the demand for data products comes mainly from banks and insurers",
    "firms underestimate the time needed to gather documents",
    "security ratings encourage firms to compete on safety",
]

# Who benefits or loses, in "... is good news for WHO".
WINNERS = [
    "domestic cloud vendors", "law firms", "auditing firms", "security start-ups",
    "certification bodies", "data exchanges", "systems integrators", "training providers",
    "consultancies", "makers of encryption hardware", "domestic database vendors",
    "cyber insurers", "data exchanges in the west", "translation firms", "recruitment agencies",
    "hardware security module makers", "data centre landlords", "testing laboratories",
    "software auditing firms", "privacy technology start-ups", "legal technology companies",
    "domestic chipmakers", "local consultancies", "universities with data law programmes",
    "document management vendors", "identity verification services", "data labelling companies",
    "e-learning providers", "security training firms", "cloud resellers",
]

# Complete sentences of market colour, ending in a full stop.
COLOUR = [
    "Venture funding for privacy technology has recovered after two quiet years.",
    "Salaries for senior data protection officers have roughly doubled since the law took hold.",
    "Local data exchanges are still searching for a sustainable business model.",
    "Many mid-sized companies still keep customer data in spreadsheets.",
    "Compliance software is one of the few segments of enterprise software still growing quickly.",
    "Universities in several provinces have added data law to their curricula.",
    "The market for security assessments is crowded, and prices have fallen.",
    "Demand for onshore storage has pushed data centre construction inland.",
    "Chinese cloud providers are expanding in Southeast Asia and the Middle East.",
    "Some companies have begun to count data as an asset in their annual accounts.",
    "Cyber insurance remains a small but fast-growing line for domestic insurers.",
    "Large language models have become a standard feature in office software.",
    "Hiring for compliance roles has slowed after two years of rapid growth.",
    "Data centre vacancy rates remain high in the western provinces.",
    "Several data exchanges have posted their first profitable year.",
    "Prices for security assessments have fallen as more firms enter the market.",
    "Data labelling has become a significant employer in some inland towns.",
    "Investors have poured money into companies that sell privacy technology to banks.",
    "Demand for Mandarin-speaking privacy lawyers outstrips supply in Hong Kong and Singapore.",
    "Many industrial parks now advertise their data infrastructure alongside their roads.",
    "Electricity prices have become a deciding factor in where data centres are built.",
    "Competition among cloud providers has pushed prices down for a third year.",
    "The number of firms offering compliance audits has roughly tripled.",
    "Big platforms have trimmed the number of data fields in their sign-up forms.",
    "Most banks now employ more engineers than branch managers.",
    "Insurers have begun asking detailed security questions before writing cyber policies.",
    "Sales of domestic encryption hardware have grown faster than the wider security market.",
    "Several universities have created research centres devoted to data law.",
]

# Cross-sector technology, noun phrases.
TECH = [
    "encryption", "access control systems", "data loss prevention tools",
    "privacy-enhancing computation", "federated learning", "secure multi-party computation",
    "differential privacy", "trusted execution environments", "tokenisation services",
    "identity and access management platforms", "security information and event management",
    "zero-trust networks", "data catalogues", "consent management platforms", "log analysis tools",
    "automated data discovery", "endpoint detection and response", "watermarking tools",
    "content moderation models", "key management services", "backup and recovery systems",
    "vulnerability scanners", "penetration testing", "data clean rooms", "homomorphic encryption",
    "blockchain-based audit trails", "data masking", "pseudonymisation services",
    "secure enclaves", "hardware wallets", "biometric liveness checks", "anomaly detection",
    "user behaviour analytics", "privileged access management", "web application firewalls",
    "bot detection", "email security gateways", "network traffic analysis",
    "threat intelligence feeds", "security orchestration platforms",
    "cloud security posture management", "mobile device management", "digital certificates",
    "domestic cryptographic algorithms", "quantum-resistant encryption",
    "secure file transfer gateways", "data diodes", "honeypots", "sandboxes for malware analysis",
    "code signing", "software bills of materials", "container scanning", "deception technology",
    "secure browsers", "virtual desktops", "one-time passwords", "hardware tokens",
    "attribute-based access control", "data retention engines", "policy engines",
    "synthetic data generators", "model watermarking", "content provenance metadata",
    "age estimation models", "privacy dashboards", "automated contract review",
    "regulatory change trackers", "data lineage tools", "secure access service edge",
    "network access control", "intrusion prevention systems", "database audit tools",
    "document rights management", "screen watermarking", "behavioural biometrics",
    "risk-based authentication", "certificate management", "security awareness platforms",
    "phishing simulators", "file integrity monitoring", "data classification engines",
    "optical character recognition", "speech anonymisation", "face blurring tools",
    "location obfuscation", "private set intersection",
]

# Verbs for what a technology does with data (third person singular).
TECH_VERBS = [
    "captures", "stores", "analyses", "uploads", "compresses", "aggregates", "streams", "indexes",
    "labels", "encrypts", "caches", "synchronises", "timestamps", "filters", "tags", "scores",
    "classifies", "masks", "hashes", "deduplicates", "archives", "transcribes", "translates",
    "geotags", "summarises", "anonymises", "validates", "reconciles", "forwards", "backs up",
]

# Engineering notions, mass or abstract nouns.
ENGINEERING = [
    "latency", "throughput", "redundancy", "uptime", "scalability", "interoperability",
    "resilience", "observability", "portability", "modularity", "fault tolerance",
    "load balancing", "version control", "patch management", "key rotation", "rate limiting",
    "input validation", "data lineage", "schema design", "data quality", "technical debt",
    "vendor support", "backward compatibility", "disaster recovery", "capacity planning",
    "network segmentation", "least-privilege access", "secure boot", "code review",
    "dependency management", "test coverage", "performance tuning", "migration planning",
    "configuration drift", "single sign-on", "audit logging", "caching", "sharding", "replication",
    "failover", "monitoring", "alerting", "logging", "tracing", "encryption at rest",
    "encryption in transit", "key escrow", "access reviews", "secret management",
    "dependency pinning", "container isolation", "sandboxing", "memory safety", "threat modelling",
    "red teaming", "fuzzing", "static analysis", "incident triage", "root cause analysis",
    "release management", "rollback plans", "blue-green deployment", "canary releases",
    "chaos testing", "data retention jobs", "batch processing", "stream processing",
    "data warehousing", "metadata management", "master data management", "identity federation",
    "password hashing", "certificate renewal", "clock synchronisation", "bandwidth",
    "storage tiering", "deduplication", "compression", "indexing", "query optimisation",
]

# Adjectives for data, records and systems.
STATES = [
    "outdated", "fragmented", "duplicated", "unstructured", "incomplete", "inconsistent", "stale",
    "scattered", "redundant", "undocumented", "poorly labelled", "unencrypted", "half-migrated",
    "siloed", "mislabelled", "orphaned", "unreliable", "overlapping", "hand-maintained",
    "unmonitored", "overexposed", "loosely governed", "obsolete", "half-finished", "ad hoc",
    "manual", "error-prone", "poorly documented", "unpatched", "misconfigured", "unversioned",
    "unaudited", "piecemeal", "sprawling", "forgotten", "abandoned", "temporary", "shadow",
    "unofficial", "makeshift", "inherited", "homegrown", "bespoke", "brittle", "opaque",
    "disorganised", "cluttered", "unsorted", "uncatalogued", "unindexed",
]

# Economies Chinese firms trade with, as prose names them.
COUNTRIES = [
    "Singapore", "Malaysia", "Indonesia", "Vietnam", "Thailand", "the Philippines", "Japan",
    "South Korea", "Germany", "France", "the Netherlands", "Ireland", "the United Kingdom",
    "the United States", "Canada", "Mexico", "Brazil", "Chile", "Saudi Arabia",
    "the United Arab Emirates", "Qatar", "Egypt", "Kenya", "Nigeria", "South Africa", "Kazakhstan",
    "Uzbekistan", "Pakistan", "India", "Australia", "New Zealand", "Turkey", "Hungary", "Serbia",
    "Spain", "Italy", "Sweden", "Switzerland", "Luxembourg", "Poland", "Cambodia", "Laos",
    "Bangladesh", "Sri Lanka", "Peru", "Argentina", "Morocco", "Ethiopia",
]

# The trade a company's registered name gives, before its legal form ("... Software Co., Ltd.").
TRADES = [
    "Network Technology", "Information Technology", "Software", "E-commerce", "Logistics",
    "Medical Technology", "Education Technology", "Financial Services", "Trading", "Culture Media",
    "Data Technology", "Intelligent Technology", "Biotechnology", "Cloud Computing", "New Energy",
    "Supply Chain Management", "Digital Technology", "Internet Technology", "Health Management",
    "Human Resources", "Information Consulting", "Property Services", "Advertising", "Film",
    "Agricultural Technology", "Environmental Technology", "Smart Equipment", "Electronics",
]
