"""Demo data for the "AI Large Model Applications Developer Conference".

Plain Python data, no Django imports: the demo loader turns it into rows (and sets the dates).
The track descriptions double as the label texts of the zero-shot track categoriser, which
compares the embedding of "name. description" with that of "title. abstract"; each description
therefore carries its track's distinctive vocabulary and avoids words that would pull other
tracks' talks towards it.
"""

from scheduling.demo.talks_en import SUBMISSIONS as _more_english
from scheduling.demo.talks_zh import SUBMISSIONS as _chinese
from scheduling.demo.tracks_zh import CONFERENCE_ZH as _conference_zh
from scheduling.demo.tracks_zh import TRACKS_ZH as _tracks_zh

CONFERENCE = {
    "name": "AI Large Model Applications Developer Conference",
    "slug": "ai-dev-conf",
    "description": (
        "Three days of keynotes, talks, workshops and case studies for engineers who build "
        "products on large AI models: what works in production, what it costs, and what the "
        "research says comes next. Sessions are in English or Chinese, with interpretation in "
        "the main hall."
    ),
    "venue": "Shanghai International Convention Center, 2727 Binjiang Avenue, Pudong, Shanghai",
    "timezone": "Asia/Shanghai",
}

TRACKS = [
    {
        "name": "Natural Language Processing",
        "slug": "natural-language-processing",
        "description": (
            "Talks on understanding and generating text: question answering, retrieval-augmented "
            "generation over documents, information extraction, named entity recognition, text "
            "classification, summarisation, machine translation and chatbots. We want to hear "
            "about instruction-tuning language models for a domain, prompt design, and measuring "
            "the faithfulness of generated answers."
        ),
        "colour": "#1f77b4",
    },
    {
        "name": "Computer Vision",
        "slug": "computer-vision",
        "description": (
            "Talks on images and video: object detection, image segmentation, OCR, visual "
            "inspection, video analytics and image generation with diffusion. We welcome "
            "vision-language models, camera pipelines, and real-time detection on edge devices, "
            "from factory floors to retail shelves."
        ),
        "colour": "#ff7f0e",
    },
    {
        "name": "Speech",
        "slug": "speech",
        "description": (
            "Talks on spoken audio: automatic speech recognition, dialect and accent robustness, "
            "speaker diarisation, text-to-speech synthesis, voice cloning and spoken dialogue "
            "systems. Share how you collect and label audio, handle noisy telephone recordings "
            "and keep voice assistants fast enough for conversation."
        ),
        "colour": "#2ca02c",
    },
    {
        "name": "Recommender Systems",
        "slug": "recommender-systems",
        "description": (
            "Talks on personalised recommendation and ranking: candidate retrieval, "
            "click-through-rate prediction, user behaviour sequences, cold-start items, and "
            "search ranking for e-commerce, short video, news and advertising feeds. We are "
            "interested in generative recommendation and in A/B-testing what users actually "
            "engage with."
        ),
        "colour": "#d62728",
    },
    {
        "name": "Financial Risk Control",
        "slug": "financial-risk-control",
        "description": (
            "Talks on risk in banking, lending, insurance and payments: fraud detection on "
            "transaction graphs, credit scoring, anti-money-laundering, loan default prediction "
            "and regulatory compliance. We want explainable decisions that auditors and "
            "regulators accept, and early-warning signals drawn from financial reports."
        ),
        "colour": "#9467bd",
    },
    {
        "name": "Healthcare",
        "slug": "healthcare",
        "description": (
            "Talks on medicine and clinical care: summarising radiology reports and electronic "
            "health records, clinical decision support, medical imaging diagnosis, drug discovery "
            "and patient triage. We ask how hospitals validate systems with doctors, protect "
            "patient privacy and meet medical regulations."
        ),
        "colour": "#8c564b",
    },
    {
        "name": "Education",
        "slug": "education",
        "description": (
            "Talks on teaching and learning: tutoring chatbots for students, automated grading "
            "and essay feedback, personalised learning paths, exam question generation and "
            "language learning. We want evidence from classrooms and schools on what helps pupils "
            "learn, and how teachers keep academic integrity."
        ),
        "colour": "#e377c2",
    },
    {
        "name": "Model Research",
        "slug": "model-research",
        "description": (
            "Talks on the science of foundation models: pretraining at scale, scaling laws, "
            "transformer architectures, mixture-of-experts routing, positional encodings and "
            "long-context attention, reasoning, alignment and interpretability. We welcome new "
            "experimental results, negative results and careful analyses of benchmarks and of why "
            "models behave as they do."
        ),
        "colour": "#7f7f7f",
    },
    {
        "name": "Tools and Frameworks",
        "slug": "tools-and-frameworks",
        "description": (
            "Talks on developer tooling and open-source frameworks for building AI applications: "
            "agent frameworks such as LangChain and LlamaIndex, SDKs, function calling, vector "
            "databases, prompt management and evaluation harnesses. Show us the libraries, APIs "
            "and workflows that make developers productive."
        ),
        "colour": "#bcbd22",
    },
    {
        "name": "Optimisation and Tuning",
        "slug": "optimisation-and-tuning",
        "description": (
            "Talks on making networks smaller, faster and better at a task: parameter-efficient "
            "fine-tuning with adapters, quantisation, pruning, distilling a large teacher into a "
            "small student, hyperparameter search and GPU kernel optimisation. We want measured "
            "trade-offs between accuracy, latency, memory footprint and cost."
        ),
        "colour": "#17becf",
    },
    {
        "name": "Deployment and Operations",
        "slug": "deployment-and-operations",
        "description": (
            "Talks on running AI services in production: inference serving with vLLM and Triton, "
            "Kubernetes, GPU cluster scheduling, autoscaling, monitoring and observability, cost "
            "control, and on-device deployment. Tell us about incidents, latency budgets, "
            "rollouts and the MLOps practices that keep systems reliable."
        ),
        "colour": "#393b79",
    },
]

# The Chinese names and descriptions (Track.name_zh / description_zh), by slug.
CONFERENCE |= _conference_zh
for _track in TRACKS:
    _track["name_zh"], _track["description_zh"] = _tracks_zh[_track["slug"]]

ROOMS = [
    # The hall takes the keynotes; the two workshop rooms have tables and power for laptops.
    {"name": "Main Hall", "capacity": 800},
    {"name": "Room A (Yangtze)", "capacity": 200},
    {"name": "Room B (Huangpu)", "capacity": 120},
    {"name": "Room C (Suzhou Creek)", "capacity": 100},
    {"name": "Workshop Room 1", "capacity": 40},
    {"name": "Workshop Room 2", "capacity": 30},
]
WORKSHOP_ROOMS = ("Workshop Room 1", "Workshop Room 2")


def _person(username, role, first_name, last_name, email="", **extra):
    domain = "ai-dev-conf.example" if role in ("organiser", "reviewer") else "example.com"
    return {
        "username": username,
        "email": email or f"{username}@{domain}",
        "first_name": first_name,
        "last_name": last_name,
        "role": role,
        **extra,
    }


# The logins the command prints and README lists; the password is the same for all.
PEOPLE = [
    _person("zhang.min", "organiser", "Min", "Zhang"),
    _person("priya.nair", "reviewer", "Priya", "Nair"),
    # Reviews only Healthcare and Education.
    _person(
        "chen.jing",
        "reviewer",
        "Jing",
        "Chen",
        review_tracks=["healthcare", "education"],
    ),
    _person("marcus.lee", "reviewer", "Marcus", "Lee"),
    _person("ana.souza", "reviewer", "Ana", "Souza"),
    _person(
        "li.wei",
        "speaker",
        "Wei",
        "Li",
        affiliation="Hengtong Law Technology, Shanghai",
        bio="Builds legal and customer-service assistants on open models; formerly a search "
        "engineer.",
    ),
    _person(
        "alex.morgan",
        "speaker",
        "Alex",
        "Morgan",
        affiliation="Northbridge Analytics, Singapore",
        bio="Leads an applied ML team that ships retrieval and vision systems for industry.",
    ),
    _person(
        "wang.fang",
        "speaker",
        "Fang",
        "Wang",
        affiliation="Pudong Digital Finance Lab",
        bio="Risk and insurance AI; speaks about fraud graphs and regulated deployments.",
    ),
    _person(
        "chen.hao",
        "speaker",
        "Hao",
        "Chen",
        affiliation="Qiantang AI Research, Hangzhou",
        bio="Research engineer working on ranking, quantisation and graph models.",
    ),
    _person(
        "liu.yang",
        "speaker",
        "Yang",
        "Liu",
        affiliation="Huaxia Cloud",
        bio="负责大模型平台与推理服务，关注中文场景落地。",
    ),
    _person(
        "zhao.lei",
        "speaker",
        "Lei",
        "Zhao",
        affiliation="Jiangnan Intelligent Manufacturing",
        bio="Edge vision and MLOps for factories; likes workshops with real hardware.",
    ),
    _person(
        "sofia.rossi",
        "speaker",
        "Sofia",
        "Rossi",
        affiliation="Politecnico di Milano",
        bio="Works on evaluation, interpretability and speech; teaches an applied NLP course.",
    ),
    _person(
        "kenji.tanaka",
        "speaker",
        "Kenji",
        "Tanaka",
        affiliation="Kansai Vision Systems, Osaka",
        bio="Real-time vision and GPU kernels; maintains an open-source inference toolkit.",
    ),
    _person(
        "amara.okafor",
        "speaker",
        "Amara",
        "Okafor",
        affiliation="Lagos Health Informatics",
        bio="Clinical AI and consent: from triage chatbots to synthetic voices.",
    ),
    _person(
        "maria.garcia",
        "speaker",
        "María",
        "García",
        affiliation="Fintonic, Madrid",
        bio="Ranking, credit models and prompt engineering for extraction.",
    ),
    _person(
        "nadia.hassan",
        "speaker",
        "Nadia",
        "Hassan",
        affiliation="Cairo AI Hub",
        bio="Builds education and translation products; evaluates models with teachers.",
    ),
    _person(
        "tom.becker",
        "speaker",
        "Tom",
        "Becker",
        affiliation="Rheinwerk Software, Berlin",
        bio="Platform engineer for agents, vector search and GPU clusters.",
    ),
]

SUBMISSIONS = [
    # Natural Language Processing
    {
        "title": "Instruction-Tuning a Chinese Legal Assistant with LoRA",
        "abstract": (
            "Lawyers at our firm asked for an assistant that answers questions about contract "
            "and labour law with citations they can check. We built an instruction corpus of "
            "38,000 question-answer pairs written by paralegals, fine-tuned a 14B open model "
            "with LoRA, and added retrieval over statutes and court judgements. This talk covers "
            "how we wrote the annotation guidelines, why retrieval-augmented answers were more "
            "faithful than the fine-tuned model alone, and the automatic faithfulness metric we "
            "use to catch answers that cite an article which does not say what the answer claims."
        ),
        "format": "talk",
        "duration": 30,
        "track": "natural-language-processing",
        "speaker": "li.wei",
    },
    {
        "title": "Retrieval-Augmented Generation over Two Million Support Tickets",
        "abstract": (
            "A telecom operator's support team answers the same questions every day, but the "
            "answers are buried in two million tickets written in a mix of Chinese and English. "
            "We describe a question-answering system that chunks, deduplicates and indexes the "
            "tickets, reranks passages with a cross-encoder and writes a grounded reply with "
            "quoted sources. We share what chunk size, hybrid keyword and dense retrieval, and "
            "query rewriting did to answer accuracy, and how agents' edits to drafted replies "
            "became our best evaluation set."
        ),
        "format": "case_study",
        "duration": 30,
        "track": "natural-language-processing",
        "speaker": "alex.morgan",
    },
    {
        "title": "Hands-On: Entity Extraction and Text Classification with Prompts and Fine-Tuning",
        "abstract": (
            "Bring a laptop. In this workshop we take a set of Chinese news articles and "
            "extract companies, people and events three ways: zero-shot prompting, few-shot "
            "prompting with examples chosen by similarity, and a small fine-tuned encoder. We "
            "then classify the same articles by topic and sentiment. Participants measure "
            "precision and recall for each approach, look at the errors together, and leave with "
            "a notebook and a rule of thumb for when a prompt is enough and when labelled data "
            "still pays off."
        ),
        "format": "workshop",
        "duration": 90,
        "track": "natural-language-processing",
        "speaker": "wang.fang",
    },
    # Computer Vision
    {
        "title": "Real-Time Defect Detection on a Battery Production Line",
        "abstract": (
            "Scratches, dents and misaligned tabs on lithium battery cells used to be found by "
            "inspectors with magnifiers. We replaced most of that with a YOLO-style detector and "
            "a segmentation network that process images from six industrial cameras at 60 frames "
            "per second on an edge GPU next to the conveyor. The talk covers lighting and camera "
            "placement, labelling rare defects with synthetic images, handling false rejects "
            "that stop the line, and how we retrain when a new cell type arrives."
        ),
        "format": "case_study",
        "duration": 30,
        "track": "computer-vision",
        "speaker": "chen.hao",
    },
    {
        "title": "Open-Vocabulary Object Detection for Retail Shelf Audits",
        "abstract": (
            "Convenience-store chains want to know which products are on the shelf, whether "
            "price tags match, and which facings are empty, but the catalogue changes weekly. "
            "Closed-set detectors could not keep up, so we moved to open-vocabulary detection "
            "that matches crops from phone photos against product images and names. We present "
            "the pipeline, from photo stitching and perspective correction to bounding boxes and "
            "planogram comparison, and report recall on 12,000 new products that the detector "
            "had never seen during training."
        ),
        "format": "talk",
        "duration": 30,
        "track": "computer-vision",
        "speaker": "sofia.rossi",
    },
    {
        "title": "Reading Invoices with Vision-Language Models Instead of OCR Templates",
        "abstract": (
            "For years we extracted fields from scanned invoices with OCR and per-supplier "
            "templates. Vision-language models promised to read the page directly, layout and "
            "all. We compare three approaches on 50,000 scanned and photographed documents: OCR "
            "plus text extraction, layout-aware document models, and a vision-language model "
            "prompted with the page image. We discuss stamps, handwriting, rotated photos and "
            "tables that span pages, and where the image-based approach still hallucinates "
            "amounts that are not on the page."
        ),
        "format": "talk",
        "duration": 30,
        "track": "computer-vision",
        "speaker": "kenji.tanaka",
    },
    # Speech
    {
        "title": "Speech Recognition for Cantonese, Sichuanese and Wu Dialects",
        "abstract": (
            "Mandarin speech recognition is close to solved; a caller speaking Sichuanese or "
            "Shanghainese is not. We collected 3,000 hours of dialect audio from volunteers and "
            "customer-service calls, transcribed it with a mixed pipeline of pseudo-labels and "
            "human correction, and adapted a Whisper-style acoustic model to each dialect. The "
            "talk reports character error rates per dialect, what code-switching between dialect "
            "and Mandarin does to the decoder, and how we handle noisy 8 kHz telephone audio."
        ),
        "format": "talk",
        "duration": 30,
        "track": "speech",
        "speaker": "amara.okafor",
    },
    {
        "title": "Expressive Text-to-Speech for Long-Form Audiobooks",
        "abstract": (
            "Synthetic voices sound fine for one sentence and tiresome for an hour. We built a "
            "text-to-speech system for an audiobook platform that keeps prosody, pacing and "
            "character voices consistent across whole chapters. We explain how we predict "
            "emotion and speaker turns from the text, condition the acoustic model on them, and "
            "use a neural vocoder that runs faster than real time. We also describe the consent "
            "process for voice cloning of narrators and the listening tests we ran with 400 "
            "listeners."
        ),
        "format": "talk",
        "duration": 30,
        "track": "speech",
        "speaker": "zhao.lei",
    },
    {
        "title": "Voice Agents for a Call Centre: From Transcripts to Actions",
        "abstract": (
            "Our insurance call centre wanted a voice agent that can take a claim over the phone. "
            "The hard parts were not the language understanding but the conversation: detecting "
            "when the caller has finished speaking, letting them interrupt, and keeping the reply "
            "latency under 800 milliseconds from end of speech to first audio. We describe the "
            "streaming recognition, turn-taking and synthesis pipeline, how intents and slots "
            "are extracted from partial transcripts, and what callers told us they disliked."
        ),
        "format": "case_study",
        "duration": 30,
        "track": "speech",
        "speaker": "maria.garcia",
    },
    # Recommender Systems
    {
        "title": "From Two-Tower Retrieval to Generative Recommendation on a Short-Video Feed",
        "abstract": (
            "For five years our short-video feed ran on a classic cascade: two-tower candidate "
            "retrieval, a pre-ranker, and a large ranking network predicting watch time and "
            "click-through rate. Last year we started to replace stages with a generative "
            "recommender that reads a user's behaviour sequence and emits item identifiers "
            "directly. This keynote tells the story of that migration: semantic item IDs, "
            "training on billions of interactions, the online A/B tests that failed before one "
            "succeeded, and what it did to creator diversity."
        ),
        "format": "keynote",
        "duration": 45,
        "track": "recommender-systems",
        "speaker": "nadia.hassan",
    },
    {
        "title": "Solving Item Cold Start with Generated Product Profiles",
        "abstract": (
            "New products on a marketplace get no impressions because they have no clicks, and "
            "no clicks because they get no impressions. We break the loop by generating a rich "
            "profile for each new listing from its title, description and images, embedding it "
            "in the same space as established items, and giving it exploration traffic in "
            "proportion to predicted relevance. We report the lift in first-week sales for new "
            "sellers and the guardrails that stopped sellers gaming the profile generator."
        ),
        "format": "talk",
        "duration": 30,
        "track": "recommender-systems",
        "speaker": "tom.becker",
    },
    {
        "title": "Conversational Product Search That Remembers What You Wanted",
        "abstract": (
            "Shoppers type 'a waterproof jacket for a child, not too bright' and expect the "
            "search box to understand them. In ten minutes we show how an e-commerce app turns "
            "such requests into structured filters plus a query embedding, keeps preferences "
            "across turns of the conversation, and re-ranks results using the shopper's purchase "
            "history. We share the conversion numbers and one embarrassing failure."
        ),
        "format": "lightning",
        "duration": 10,
        "track": "recommender-systems",
        "speaker": "li.wei",
    },
    # Financial Risk Control
    {
        "title": "Catching Card Fraud on the Transaction Graph at a Retail Bank",
        "abstract": (
            "Fraud rings share devices, phone numbers and merchant terminals, which makes them "
            "visible as structure in a graph of transactions long before any single payment "
            "looks suspicious. A retail bank describes its graph neural network that scores card "
            "transactions in under 50 milliseconds, how features from accounts, devices and "
            "merchants are refreshed in real time, and how investigators review flagged clusters. "
            "We report the reduction in fraud losses, the false-positive rate customers felt, and "
            "how we explained the scores to the regulator."
        ),
        "format": "case_study",
        "duration": 30,
        "track": "financial-risk-control",
        "speaker": "alex.morgan",
    },
    {
        "title": "Explainable Credit Scoring for Small-Business Loans",
        "abstract": (
            "Small businesses often have thin credit files, but they have invoices, tax records "
            "and payment flows. We built a credit scoring system for a lender that combines "
            "these alternative data sources with a gradient-boosted model and uses a language "
            "model only to draft the reason codes shown to loan officers. The talk covers "
            "default prediction under reject inference, fairness checks across regions and "
            "industries, and the model risk documentation that our compliance team needed "
            "before the scorecard could go live."
        ),
        "format": "talk",
        "duration": 30,
        "track": "financial-risk-control",
        "speaker": "wang.fang",
    },
    {
        "title": "Early Warning Signals from Annual Reports and Earnings Calls",
        "abstract": (
            "Bond investors want to know which issuers are heading for trouble before the rating "
            "agencies do. We read annual reports, audit opinions and earnings-call transcripts "
            "for 4,000 Chinese companies and extract signals such as changed auditors, hedged "
            "language about liquidity and related-party transactions. The signals feed a "
            "default-risk model whose alerts analysts review each morning. We discuss how we "
            "avoided look-ahead bias in backtests and which signals actually predicted defaults."
        ),
        "format": "talk",
        "duration": 30,
        "track": "financial-risk-control",
        "speaker": "chen.hao",
    },
    # Healthcare
    {
        "title": "Summarising Radiology Reports for Referring Physicians",
        "abstract": (
            "A tertiary hospital in Hangzhou produces 1,500 CT and MRI reports a day, written by "
            "radiologists for radiologists. We built a summariser that turns each report into a "
            "short, plain-language summary for the referring physician and flags critical "
            "findings. We describe how radiologists rated 2,000 summaries, the omission and "
            "hallucination errors we found, how patient data never leaves the hospital network, "
            "and the clinical governance process that approved the pilot."
        ),
        "format": "case_study",
        "duration": 30,
        "track": "healthcare",
        "speaker": "sofia.rossi",
    },
    {
        "title": "Clinical Decision Support with a Medical Knowledge Graph",
        "abstract": (
            "General-purpose assistants answer medical questions fluently and sometimes "
            "dangerously. We ground a clinical decision support assistant in a medical knowledge "
            "graph of diseases, symptoms, drugs and contraindications built from guidelines and "
            "drug labels. For each suggestion the assistant shows the guideline path it "
            "followed. We present an evaluation with 60 physicians on outpatient cases, the "
            "drug-interaction errors the graph prevented, and the cases where doctors overrode "
            "it."
        ),
        "format": "talk",
        "duration": 30,
        "track": "healthcare",
        "speaker": "kenji.tanaka",
    },
    {
        "title": "Screening for Diabetic Retinopathy in Rural Clinics",
        "abstract": (
            "Village clinics in Guizhou have fundus cameras but no ophthalmologists. A ten-minute "
            "report on a screening programme in which nurses photograph the retina and a "
            "classifier grades diabetic retinopathy on a tablet, referring patients to the county "
            "hospital when needed. We cover image quality checks, sensitivity against "
            "ophthalmologists' grades on 9,000 patients, and what happened to referral rates "
            "and to the waiting list at the county hospital."
        ),
        "format": "lightning",
        "duration": 10,
        "track": "healthcare",
        "speaker": "amara.okafor",
    },
    # Education
    {
        "title": "A Socratic Maths Tutor That Will Not Give Away the Answer",
        "abstract": (
            "Students quickly learn to ask a chatbot for the answer to their homework. We built a "
            "maths tutor for junior high school students that asks guiding questions instead, "
            "checks each step of the student's working, and adapts hints to the mistakes it has "
            "seen before. The talk covers the tutoring prompts and the step checker, a one-term "
            "trial in eight classrooms with 600 pupils, and what teachers wanted from the "
            "dashboard that shows where each student got stuck."
        ),
        "format": "talk",
        "duration": 30,
        "track": "education",
        "speaker": "zhao.lei",
    },
    {
        "title": "Automated Essay Feedback for Middle-School English Writing",
        "abstract": (
            "English teachers in our district mark 150 essays a week and have time to write one "
            "line of feedback on each. We built a system that scores essays against the "
            "provincial rubric and writes feedback on structure, grammar and vocabulary that "
            "teachers review before it reaches students. We compare its scores with those of "
            "experienced markers, show where it is too generous, and discuss how students "
            "revised their essays when feedback arrived the same day."
        ),
        "format": "talk",
        "duration": 30,
        "track": "education",
        "speaker": "maria.garcia",
    },
    {
        "title": "Scoring Spoken English Pronunciation for Young Learners",
        "abstract": (
            "Oral English is now part of the high-school entrance exam in many provinces, and "
            "children practise at home with an app. In ten minutes we show how the app scores "
            "pronunciation, fluency and stress from a recording of a child reading aloud, why "
            "children's voices break acoustic models trained on adults, and how we calibrated "
            "scores against exam examiners so that practice scores predict the real exam."
        ),
        "format": "lightning",
        "duration": 10,
        "track": "education",
        "speaker": "nadia.hassan",
    },
    # Model Research
    {
        "title": "Scaling Laws for Mixture-of-Experts Pretraining",
        "abstract": (
            "Mixture-of-experts transformers promise more parameters for the same compute, but "
            "how should the number of experts, the routing granularity and the token budget grow "
            "together? We trained over 200 models from 100M to 30B active parameters and fit "
            "scaling laws for loss as a function of compute, total parameters and expert count. "
            "This keynote presents the fitted laws, where they break down, the load-balancing "
            "instabilities we hit at scale, and what the results imply for the next generation "
            "of open pretrained models."
        ),
        "format": "keynote",
        "duration": 45,
        "track": "model-research",
        "speaker": "tom.becker",
    },
    {
        "title": "Long Context: What Actually Works Beyond 128K Tokens",
        "abstract": (
            "Many models claim context windows of a million tokens; far fewer can use them. We "
            "compare positional encoding extensions, sparse and sliding-window attention, and "
            "continued pretraining on long documents, evaluated not on needle-in-a-haystack "
            "tests but on tasks that require combining evidence spread across a long input. We "
            "show where accuracy falls off, why the middle of the context is forgotten, and "
            "which architectural choices matter more than the advertised window length."
        ),
        "format": "talk",
        "duration": 30,
        "track": "model-research",
        "speaker": "li.wei",
    },
    {
        "title": "Panel: Are Reasoning Models Really Reasoning?",
        "abstract": (
            "Models trained with reinforcement learning to produce long chains of thought now "
            "solve competition mathematics and write working programs. Are they reasoning, or "
            "searching over memorised patterns? Our panel brings together researchers working on "
            "reasoning, interpretability and evaluation to discuss what benchmark gains do and "
            "do not show, whether chains of thought are faithful to the computation underneath, "
            "and how contamination of test sets should change the way results are reported."
        ),
        "format": "panel",
        "duration": 45,
        "track": "model-research",
        "speaker": "alex.morgan",
    },
    # Tools and Frameworks
    {
        "title": "Workshop: Building Agent Workflows with LangChain and LlamaIndex",
        "abstract": (
            "Agent demos are easy; agents that behave the same way twice are not. In this "
            "workshop you build a research assistant step by step: document loaders and a "
            "vector store with LlamaIndex, tools and function calling with LangChain, and a "
            "graph of steps with explicit state instead of a free-running loop. We add tracing "
            "so you can see every call, then swap frameworks for one component to see what the "
            "abstractions cost. Python experience required; starter code is provided."
        ),
        "format": "workshop",
        "duration": 90,
        "track": "tools-and-frameworks",
        "speaker": "wang.fang",
    },
    {
        "title": "Regression Tests for Prompts: An Open-Source Evaluation Harness",
        "abstract": (
            "Every change to a prompt, a retriever or a model version can silently break "
            "something that worked yesterday. We present an open-source evaluation harness that "
            "runs in CI like unit tests: datasets of cases are versioned with the code, "
            "assertions range from exact match to rubric grading by a judge model, and results "
            "are diffed between commits. We show how three teams use it, how we keep judge costs "
            "down with caching, and the plugin API for custom metrics."
        ),
        "format": "talk",
        "duration": 30,
        "track": "tools-and-frameworks",
        "speaker": "chen.hao",
    },
    {
        "title": "One SDK for Function Calling Across Model Providers",
        "abstract": (
            "Every provider's API describes tools and structured output a little differently. "
            "This lightning talk introduces a small open-source Python and TypeScript SDK that "
            "defines tools once with type annotations, validates arguments with JSON Schema, "
            "streams partial results, and translates to each provider's format. We show the "
            "design of the adapter layer, how we test against live provider APIs, and how to "
            "contribute a new provider."
        ),
        "format": "lightning",
        "duration": 10,
        "track": "tools-and-frameworks",
        "speaker": "sofia.rossi",
    },
    # Optimisation and Tuning
    {
        "title": "KV-Cache Quantisation: Twice the Context in the Same Memory",
        "abstract": (
            "The key-value cache, not the weights, dominates GPU memory once contexts get long. "
            "We quantise the cache to 4 and 2 bits with per-channel scales for keys and "
            "per-token scales for values, keep a small window of recent tokens in full "
            "precision, and write fused attention kernels that dequantise on the fly. We report "
            "the accuracy cost on long-document benchmarks, the memory saved, and the "
            "throughput gain at batch sizes that previously ran out of memory."
        ),
        "format": "talk",
        "duration": 30,
        "track": "optimisation-and-tuning",
        "speaker": "kenji.tanaka",
    },
    {
        "title": "LoRA, QLoRA, Adapters or Full Fine-Tuning? A Hands-On Comparison",
        "abstract": (
            "Parameter-efficient fine-tuning has many variants and many opinions. In this "
            "workshop we fine-tune the same 7B model on the same domain task with full "
            "fine-tuning, LoRA at several ranks, QLoRA on a single consumer GPU, and prefix "
            "tuning, and compare accuracy, training time, memory and the forgetting of general "
            "skills. Participants run the experiments on provided GPU instances, learn to choose "
            "learning rates and ranks, and go home with the scripts and a results table."
        ),
        "format": "workshop",
        "duration": 90,
        "track": "optimisation-and-tuning",
        "speaker": "amara.okafor",
    },
    {
        "title": "Distilling a 70B Model into a 7B Model for Insurance Claims",
        "abstract": (
            "Our 70B model classified insurance claim documents well but cost too much per "
            "claim. We distilled it into a 7B student using the teacher's outputs and "
            "rationales on 300,000 unlabelled documents, then pruned and quantised the student "
            "to 8 bits. We share the distillation recipe, which data selection mattered most, "
            "how close the student came to the teacher's accuracy, and the latency and cost per "
            "claim before and after."
        ),
        "format": "case_study",
        "duration": 30,
        "track": "optimisation-and-tuning",
        "speaker": "zhao.lei",
    },
    # Deployment and Operations
    {
        "title": "Serving Open Models with vLLM on Kubernetes",
        "abstract": (
            "We run twenty open-weight models for internal teams on a shared GPU cluster. This "
            "talk walks through our platform: vLLM behind an OpenAI-compatible gateway, "
            "Kubernetes operators that place replicas on H100 and older A100 nodes, autoscaling "
            "on queue length rather than CPU, and canary rollouts of new model versions. We "
            "share the incidents that shaped the design, from slow cold starts while weights "
            "load to noisy neighbours on shared nodes, and our cost per million tokens."
        ),
        "format": "talk",
        "duration": 30,
        "track": "deployment-and-operations",
        "speaker": "maria.garcia",
    },
    {
        "title": "Observability for AI Applications in Production",
        "abstract": (
            "When a user says the assistant gave a wrong answer, can you find the request, the "
            "retrieved documents, the prompt and the model version that produced it? We describe "
            "the tracing, logging and monitoring stack we built with OpenTelemetry: latency and "
            "token dashboards, alerts on error and refusal rates, sampling of conversations for "
            "review, and on-call runbooks. We also cover how we keep personal data out of the "
            "logs and how long we retain traces."
        ),
        "format": "talk",
        "duration": 30,
        "track": "deployment-and-operations",
        "speaker": "nadia.hassan",
    },
    {
        "title": "Panel: Running Models on Phones, Cars and Kiosks",
        "abstract": (
            "Not every request can go to a data centre: cars lose signal, kiosks sit behind "
            "hospital firewalls and phones have users who care about privacy. Engineers from a "
            "phone maker, a car company and a self-service kiosk vendor discuss deploying models "
            "on devices: packaging and over-the-air updates, falling back to the cloud, "
            "monitoring a fleet of devices you cannot log into, and keeping power and heat "
            "within budget."
        ),
        "format": "panel",
        "duration": 45,
        "track": "deployment-and-operations",
        "speaker": "tom.becker",
    },
]


# The co-speakers of some of the first submissions (the later ones carry their own).
CO_SPEAKERS = {
    "Panel: Are Reasoning Models Really Reasoning?": ["sofia.rossi", "kenji.tanaka"],
    "Panel: Running Models on Phones, Cars and Kiosks": ["zhao.lei", "alex.morgan"],
    "Workshop: Building Agent Workflows with LangChain and LlamaIndex": ["tom.becker"],
    "Catching Card Fraud on the Transaction Graph at a Retail Bank": ["wang.fang"],
}
LEVELS = ("beginner", "intermediate", "advanced")
for _index, _item in enumerate(SUBMISSIONS):
    _item.setdefault("level", LEVELS[_index % 3])
    _item.setdefault("language", "en")
    _item.setdefault("co_speakers", CO_SPEAKERS.get(_item["title"], []))
SUBMISSIONS += _more_english + _chinese
