"""English submissions of the demo, beyond the first 33 in scheduling.demo_data."""


def talk(track, fmt, duration, level, speaker, title, abstract, co=()):
    return {
        "title": title,
        "abstract": abstract,
        "format": fmt,
        "duration": duration,
        "level": level,
        "language": "en",
        "track": track,
        "speaker": speaker,
        "co_speakers": list(co),
    }


NLP, CV, SPEECH, RECSYS = (
    "natural-language-processing",
    "computer-vision",
    "speech",
    "recommender-systems",
)
RISK, HEALTH, EDU, RESEARCH = (
    "financial-risk-control",
    "healthcare",
    "education",
    "model-research",
)
TOOLS, TUNING, OPS = "tools-and-frameworks", "optimisation-and-tuning", "deployment-and-operations"

SUBMISSIONS = [
    # Natural Language Processing
    talk(
        NLP,
        "talk",
        30,
        "intermediate",
        "sofia.rossi",
        "Measuring Hallucination in Answers That Cite Their Sources",
        "A cited answer looks trustworthy even when the citation says something else. We "
        "built a checker that splits an answer into claims, finds the passage each claim "
        "cites and asks an entailment model whether the passage supports it. On 4,000 answers "
        "from our document assistant it flagged 7% of claims, and lawyers agreed with 86% of "
        "its flags. We share the claim splitter, the threshold we chose and where it fails.",
    ),
    talk(
        NLP,
        "case_study",
        30,
        "beginner",
        "nadia.hassan",
        "Machine Translation of Product Manuals into Twelve Languages",
        "Our manuals used to reach customers months after launch. We now translate them with a "
        "fine-tuned translation model, a terminology glossary enforced at decoding time, and "
        "human post-editing only where a quality estimator is unsure. Post-editors touch a "
        "third of the sentences they used to, and glossary errors nearly vanished.",
    ),
    talk(
        NLP,
        "talk",
        30,
        "advanced",
        "chen.hao",
        "Long-Document Summarisation Without Losing the Numbers",
        "Summaries of annual reports and tenders drop or change figures. We compare map-reduce "
        "summarisation, a long-context model and extract-then-abstract pipelines on 600 "
        "documents, with a metric that checks every number in the summary against the source. "
        "Extracting tables first and summarising around them halved numeric errors.",
    ),
    talk(
        NLP,
        "lightning",
        10,
        "beginner",
        "maria.garcia",
        "Ten Prompt Patterns for Information Extraction",
        "Ten minutes, ten patterns that made our extraction prompts reliable: schemas in the "
        "prompt, refusal options, evidence spans, and asking for nothing the text does not say. "
        "Each comes with a before-and-after example from contracts and news articles.",
    ),
    talk(
        NLP,
        "talk",
        30,
        "intermediate",
        "tom.becker",
        "Chatbots That Know When to Hand Over to a Human",
        "A customer-service chatbot that never gives up frustrates people. We trained an "
        "escalation classifier on 90,000 dialogues labelled by support agents, using sentiment, "
        "repeated questions and intent confidence, and tuned it for early, polite hand-over. "
        "Complaints about the bot fell by 40% while it still answered 70% of conversations.",
    ),
    talk(
        NLP,
        "talk",
        30,
        "intermediate",
        "li.wei",
        "Query Rewriting for Retrieval in Multi-Turn Conversations",
        'Follow-up questions such as "and what about the second one?" retrieve nothing useful. '
        "We rewrite each turn into a standalone question with a small model trained on rewrites "
        "from a large one, and measure retrieval recall and answer quality on real chat logs.",
    ),
    # Computer Vision
    talk(
        CV,
        "workshop",
        90,
        "intermediate",
        "kenji.tanaka",
        "Workshop: Fine-Tuning a Segmentation Model on Your Own Images",
        "Bring a laptop and twenty photos of something you care about. We label masks with a "
        "promptable segmentation model, correct them by hand, fine-tune a small segmentation "
        "network and evaluate it with intersection over union. You leave with a trained model, "
        "the notebook, and a feel for how many labelled images a task really needs.",
    ),
    talk(
        CV,
        "talk",
        30,
        "advanced",
        "kenji.tanaka",
        "Video Analytics for Traffic Intersections at City Scale",
        "Two thousand intersection cameras, one GPU per forty streams. We detect and track "
        "vehicles, cyclists and pedestrians, count turning movements and flag near misses for "
        "traffic engineers. The talk covers frame sampling, tracking through occlusion, night "
        "and rain, and how we check the counts against loop detectors.",
    ),
    talk(
        CV,
        "case_study",
        30,
        "intermediate",
        "wang.fang",
        "Visual Inspection of Solar Panels from Drone Imagery",
        "Cracked cells and hot spots show up in thermal and visible images taken by drones. We "
        "stitch the flights, detect panels, classify defects and send maintenance crews a map. "
        "We report how we labelled 30,000 panels, why thermal and RGB fusion mattered, and the "
        "false alarms that taught us the most.",
    ),
    talk(
        CV,
        "talk",
        30,
        "beginner",
        "amara.okafor",
        "Image Generation with Diffusion for E-Commerce Product Photos",
        "Studio photos for every product variant are expensive. We generate lifestyle images "
        "with a diffusion model conditioned on the real product photo, keep logos and text "
        "intact with masks, and let merchandisers approve every image. We show what customers "
        "clicked and what our legal team insisted on.",
    ),
    talk(
        CV,
        "lightning",
        10,
        "intermediate",
        "zhao.lei",
        "OCR for Handwritten Delivery Notes",
        "Handwritten addresses and signatures on delivery notes defeated our OCR templates. A "
        "vision-language model reads them now; ten minutes on the prompt, the confidence check "
        "and the notes we still send to people.",
    ),
    talk(
        CV,
        "talk",
        30,
        "advanced",
        "chen.hao",
        "Real-Time Pose Estimation on Edge Cameras for Workplace Safety",
        "Detecting people who climb without harnesses or lift badly must happen on the camera. "
        "We quantised a pose estimation network to run at 25 frames per second on an edge "
        "device, and built rules on the keypoints that safety officers can read and adjust.",
    ),
    talk(
        CV,
        "talk",
        30,
        "intermediate",
        "tom.becker",
        "Vision-Language Models for Retail Shelf Questions",
        'Store managers ask questions such as "which shelves are half empty?" about photos. '
        "We compare general vision-language models with a detector plus a language model on "
        "500 annotated shelf photos, and show where each answers wrongly with confidence.",
    ),
    # Speech
    talk(
        SPEECH,
        "workshop",
        90,
        "beginner",
        "nadia.hassan",
        "Workshop: Build a Voice Assistant with Open Speech Models",
        "In ninety minutes we wire speech recognition, a language model and text-to-speech "
        "synthesis into a voice assistant that runs on a laptop. We measure latency at every "
        "step, add barge-in so users can interrupt, and test it on noisy recordings.",
    ),
    talk(
        SPEECH,
        "talk",
        30,
        "intermediate",
        "sofia.rossi",
        "Speaker Diarisation for Meetings with Overlapping Speech",
        "Who said what matters more than what was said in meeting minutes. We combine a neural "
        "diarisation model with speaker embeddings from enrolment audio and measure diarisation "
        "error on 200 hours of real meetings, including the crosstalk that breaks most systems.",
    ),
    talk(
        SPEECH,
        "case_study",
        30,
        "intermediate",
        "wang.fang",
        "Transcribing Noisy Telephone Calls for Insurance Claims",
        "Claims calls are recorded at 8 kHz over bad lines. We fine-tuned a speech recognition "
        "model on 3,000 hours of labelled telephone audio with augmentation for codec noise and "
        "cut the word error rate from 24% to 11%. We share the labelling workflow and costs.",
    ),
    talk(
        SPEECH,
        "talk",
        30,
        "advanced",
        "kenji.tanaka",
        "Low-Latency Streaming Speech Recognition under 300 Milliseconds",
        "Conversational voice agents need the transcript while the user is still speaking. We "
        "explain chunked attention, endpoint detection and partial hypotheses, and how we keep "
        "end-to-end latency under 300 ms on a single GPU serving 200 calls.",
    ),
    talk(
        SPEECH,
        "lightning",
        10,
        "beginner",
        "amara.okafor",
        "Voice Cloning Consent: What We Ask Before We Synthesise",
        "Voice cloning from seconds of audio is easy; consent is not. Our checklist, the "
        "watermark we embed in synthetic speech and the requests we refuse.",
    ),
    talk(
        SPEECH,
        "talk",
        30,
        "intermediate",
        "zhao.lei",
        "Keyword Spotting on Microcontrollers for Smart Appliances",
        "A wake word has to be recognised on a chip with 256 KB of memory and no network. We "
        "trained tiny audio models, measured false wake-ups per day in real kitchens and "
        "explain how we collected speech from thousands of speakers.",
    ),
    talk(
        SPEECH,
        "talk",
        30,
        "intermediate",
        "li.wei",
        "Text-to-Speech for Navigation Prompts in Mixed Chinese and English",
        "Street names, brand names and numbers switch language mid-sentence. We show how we "
        "normalise text, predict pronunciations for code-switched input and evaluate "
        "naturalness with drivers rather than only with mean opinion scores.",
    ),
    # Recommender Systems
    talk(
        RECSYS,
        "talk",
        30,
        "advanced",
        "maria.garcia",
        "Click-Through-Rate Prediction with User Behaviour Sequences",
        "Long behaviour sequences help ranking but cost latency. We compare target attention, "
        "retrieval of relevant past actions and compressed user embeddings on an advertising "
        "feed with 300 million daily users, and report the online A/B test results.",
    ),
    talk(
        RECSYS,
        "case_study",
        30,
        "intermediate",
        "zhao.lei",
        "Recommending News Without Building a Filter Bubble",
        "Engagement-only ranking narrowed what our readers saw. We added diversity and "
        "freshness objectives to the ranker, measured topic coverage per user, and ran a "
        "three-month experiment: clicks fell 2%, return visits rose 5%.",
    ),
    talk(
        RECSYS,
        "talk",
        30,
        "intermediate",
        "amara.okafor",
        "Search Ranking for an E-Commerce Marketplace with Language Models",
        "Shoppers type vague queries; sellers write keyword-stuffed titles. We use a language "
        "model to rewrite queries and to score query-product relevance, distilled into a "
        "ranker fast enough for 20,000 queries per second.",
    ),
    talk(
        RECSYS,
        "panel",
        45,
        "intermediate",
        "tom.becker",
        "Panel: Generative Recommendation - Hype or the Next Ranking Stack?",
        "Practitioners from short video, e-commerce and music streaming discuss whether "
        "generating item identifiers will replace candidate retrieval and ranking, what it "
        "costs to serve, and how to A/B test something that changes the whole feed.",
        co=("maria.garcia", "chen.hao"),
    ),
    talk(
        RECSYS,
        "talk",
        30,
        "beginner",
        "wang.fang",
        "A/B Testing Recommenders: Metrics That Lie",
        "Click-through rate went up and revenue went down. We walk through novelty effects, "
        "interference between users, and the long-term metrics we now require before a new "
        "recommendation model ships.",
    ),
    talk(
        RECSYS,
        "lightning",
        10,
        "intermediate",
        "sofia.rossi",
        "Cold-Start Recommendations for New Users in Their First Minute",
        "What to show a user who just installed the app: onboarding questions, contextual "
        "bandits and popularity by region, compared in ten minutes.",
    ),
    talk(
        RECSYS,
        "talk",
        30,
        "advanced",
        "kenji.tanaka",
        "Embedding Retrieval for Short-Video Recommendation at Billion Scale",
        "Approximate nearest-neighbour retrieval over a billion video embeddings, updated "
        "every few minutes as new videos arrive. We compare index types, show how we keep "
        "embeddings fresh, and what recall loss users actually notice.",
    ),
    # Financial Risk Control
    talk(
        RISK,
        "talk",
        30,
        "advanced",
        "chen.hao",
        "Graph Neural Networks for Anti-Money-Laundering",
        "Money launderers spread funds across hundreds of accounts. We build transaction "
        "graphs, train a graph neural network on confirmed cases, and explain each alert with "
        "the subgraph that triggered it, so investigators can file suspicious activity reports "
        "faster. Precision at the top 1,000 alerts tripled.",
    ),
    talk(
        RISK,
        "panel",
        45,
        "beginner",
        "maria.garcia",
        "Panel: What Regulators Expect from AI in Credit Decisions",
        "Risk officers, a regulator and a model validator discuss explainability, fairness "
        "testing, model documentation and what happens when a credit model is challenged in "
        "an audit.",
        co=("wang.fang",),
    ),
    talk(
        RISK,
        "case_study",
        30,
        "intermediate",
        "wang.fang",
        "Detecting Insurance Claim Fraud with Language Models and Rules",
        "Claims adjusters read thousands of claim descriptions a day. We combine rules that "
        "auditors wrote with a language model that flags inconsistent stories and duplicated "
        "photos, and show how the adjusters' feedback retrains the model every week.",
    ),
    talk(
        RISK,
        "talk",
        30,
        "intermediate",
        "nadia.hassan",
        "Loan Default Prediction for Thin-File Borrowers",
        "Young borrowers and small merchants have little credit history. We use alternative "
        "data with consent, monotonic gradient boosting for explainable credit scoring, and "
        "reject inference to estimate defaults among applicants we turned down.",
    ),
    talk(
        RISK,
        "lightning",
        10,
        "intermediate",
        "zhao.lei",
        "Real-Time Payment Fraud Scoring in 20 Milliseconds",
        "Feature stores, model size and fallbacks: how a payment fraud model answers within "
        "the card network's latency budget.",
    ),
    talk(
        RISK,
        "talk",
        30,
        "advanced",
        "sofia.rossi",
        "Stress-Testing Risk Models with Synthetic Transactions",
        "Fraud patterns change faster than labelled data arrives. We generate synthetic "
        "transaction sequences for attack scenarios and use them to stress-test fraud "
        "detection models before fraudsters do.",
    ),
    talk(
        RISK,
        "talk",
        30,
        "beginner",
        "tom.becker",
        "Compliance Document Review with Retrieval and Checklists",
        "Compliance officers check contracts and disclosures against regulations. We turned "
        "their checklists into retrieval queries plus a language model that quotes evidence, "
        "and measure how often officers accept its findings.",
    ),
    # Healthcare
    talk(
        HEALTH,
        "keynote",
        45,
        "beginner",
        "amara.okafor",
        "Keynote: Large Models at the Bedside - What Hospitals Learned in Two Years",
        "Three hospital networks deployed language models for clinical notes, patient "
        "messages and triage. This keynote reports what doctors adopted, what they rejected, "
        "how clinical validation was organised and which regulations shaped each deployment.",
    ),
    talk(
        HEALTH,
        "talk",
        30,
        "intermediate",
        "nadia.hassan",
        "Patient Triage Chatbots: Safety Testing Before Launch",
        "A triage chatbot must never tell a patient with chest pain to wait. We built a test "
        "set of 2,000 clinical vignettes with emergency physicians, measured under-triage and "
        "over-triage, and describe the safety gates the medical board required.",
    ),
    talk(
        HEALTH,
        "case_study",
        30,
        "advanced",
        "kenji.tanaka",
        "Medical Image Diagnosis for Lung Nodules in CT Scans",
        "We trained a detector for lung nodules on 40,000 CT scans from five hospitals and ran "
        "a reader study with radiologists. Sensitivity rose, reading time fell, and we share "
        "how scanner differences between hospitals nearly sank the project.",
    ),
    talk(
        HEALTH,
        "talk",
        30,
        "intermediate",
        "chen.hao",
        "Drug Discovery with Protein Language Models",
        "Protein language models predict binding and stability from sequence alone. We show "
        "how a biotech team used them to rank candidate antibodies, which lab results agreed, "
        "and what the models still get wrong.",
    ),
    talk(
        HEALTH,
        "lightning",
        10,
        "beginner",
        "maria.garcia",
        "De-Identifying Electronic Health Records Before Training",
        "Names, dates and rare diagnoses identify patients. Our de-identification pipeline for "
        "clinical notes, and how privacy officers audit it.",
    ),
    talk(
        HEALTH,
        "talk",
        30,
        "intermediate",
        "sofia.rossi",
        "Summarising Electronic Health Records for Handover Between Shifts",
        "Nurses hand over patients with a few minutes per bed. We summarise the last shift's "
        "notes, vital signs and medication changes, and measured with nurses how often the "
        "summary missed something clinically important.",
    ),
    talk(
        HEALTH,
        "talk",
        30,
        "advanced",
        "zhao.lei",
        "Federated Learning Across Hospitals Without Sharing Patient Data",
        "Five hospitals trained one model for sepsis prediction without moving patient "
        "records. We explain the federated setup, how we handled different coding systems, "
        "and how the result compared with models trained at each hospital alone.",
    ),
    # Education
    talk(
        EDU,
        "talk",
        30,
        "beginner",
        "maria.garcia",
        "Exam Question Generation That Teachers Actually Use",
        "Teachers need many variants of good questions. We generate exam questions aligned "
        "with the curriculum, with distractors based on common student mistakes, and report "
        "how many of 3,000 generated questions teachers accepted after review.",
    ),
    talk(
        EDU,
        "panel",
        45,
        "beginner",
        "nadia.hassan",
        "Panel: Academic Integrity When Every Student Has a Chatbot",
        "Teachers, a university dean and a student discuss homework, exams and essays when "
        "chatbots can write them: detection tools, oral exams, and assignments that use the "
        "chatbot instead of banning it.",
        co=("sofia.rossi", "amara.okafor"),
    ),
    talk(
        EDU,
        "case_study",
        30,
        "intermediate",
        "wang.fang",
        "Personalised Learning Paths for Vocational Students",
        "A vocational college used a knowledge-tracing model to recommend the next exercise "
        "for 12,000 students learning electrical engineering. We compare pass rates with the "
        "previous year and explain what teachers changed after seeing the dashboard.",
    ),
    talk(
        EDU,
        "talk",
        30,
        "intermediate",
        "tom.becker",
        "A Language Learning Tutor That Corrects Without Discouraging",
        "Learners quit when every sentence is corrected. Our tutor chatbot chooses which "
        "grammar errors to correct based on the learner's level, and we measured practice time "
        "and progress in a semester-long study with 800 pupils.",
    ),
    talk(
        EDU,
        "lightning",
        10,
        "beginner",
        "kenji.tanaka",
        "Grading Programming Assignments with Tests and Feedback",
        "Automated grading of student code with unit tests, plus a model that explains the "
        "failing test in words a first-year student understands.",
    ),
    talk(
        EDU,
        "talk",
        30,
        "advanced",
        "li.wei",
        "Knowledge Tracing with Transformers for Maths Homework",
        "Predicting which skills a pupil has mastered from their homework answers. We compare "
        "classic knowledge tracing with transformer models on four years of school data and "
        "show what teachers do with the predictions.",
    ),
    talk(
        EDU,
        "talk",
        30,
        "intermediate",
        "chen.hao",
        "Teaching Assistants for Large University Courses",
        "A course with 1,500 students answered forum questions with a teaching-assistant bot "
        "grounded in the lecture notes. We share the student survey, the questions it should "
        "not answer, and how teaching staff reviewed its replies.",
    ),
    # Model Research
    talk(
        RESEARCH,
        "talk",
        30,
        "advanced",
        "chen.hao",
        "Mixture-of-Experts Routing: Load Balancing Without Auxiliary Losses",
        "Auxiliary losses keep experts busy but hurt quality. We study expert-choice routing "
        "and bias-based balancing in pretraining runs up to 30B parameters, and report the "
        "effect on perplexity, downstream tasks and expert specialisation.",
    ),
    talk(
        RESEARCH,
        "talk",
        30,
        "advanced",
        "sofia.rossi",
        "Interpretability: Finding the Circuits Behind Arithmetic in Transformers",
        "Where does a transformer add two numbers? Using activation patching and sparse "
        "autoencoders we trace the attention heads and features involved, and show how the "
        "circuit changes between model sizes.",
    ),
    talk(
        RESEARCH,
        "talk",
        30,
        "intermediate",
        "nadia.hassan",
        "Benchmark Contamination: How Much of the Test Set Did the Model See?",
        "We searched pretraining corpora for 40 popular benchmarks and found overlaps from "
        "1% to 30%. We show how scores change on clean subsets, and propose a reporting "
        "standard for contamination in papers.",
    ),
    talk(
        RESEARCH,
        "talk",
        30,
        "advanced",
        "kenji.tanaka",
        "Alignment with Verifiable Rewards for Reasoning",
        "Reinforcement learning with rewards from checkers, such as unit tests and maths "
        "verifiers, improves reasoning. We report experiments on reward design, sampling "
        "temperature and length, including negative results that surprised us.",
    ),
    talk(
        RESEARCH,
        "case_study",
        30,
        "intermediate",
        "zhao.lei",
        "Pretraining a Domain Foundation Model for Chemistry",
        "A small lab pretrained a 3B model on chemistry papers and patents. We share the data "
        "pipeline, the scaling experiments that set the budget, and benchmarks against "
        "general models ten times larger.",
    ),
    talk(
        RESEARCH,
        "lightning",
        10,
        "advanced",
        "amara.okafor",
        "Positional Encodings Beyond RoPE in Ten Minutes",
        "A tour of positional encodings for long context: RoPE scaling, ALiBi and no "
        "positional encoding at all, with what each does to attention.",
    ),
    talk(
        RESEARCH,
        "talk",
        30,
        "intermediate",
        "maria.garcia",
        "Why Small Models Forget: Catastrophic Forgetting in Continued Pretraining",
        "Continued pretraining on domain data erases general skills. We measure forgetting "
        "across data mixtures and learning rates and share a replay recipe that keeps both.",
    ),
    # Tools and Frameworks
    talk(
        TOOLS,
        "talk",
        30,
        "intermediate",
        "tom.becker",
        "Vector Databases Compared for Retrieval-Augmented Applications",
        "We benchmarked five vector databases on recall, latency, filtering and cost with "
        "ten million embeddings, and explain why the one with the best benchmark was not the "
        "one we chose.",
    ),
    talk(
        TOOLS,
        "workshop",
        90,
        "intermediate",
        "maria.garcia",
        "Workshop: Function Calling and Tool Use from Scratch",
        "Build an agent that calls real APIs without a framework: JSON schemas for tools, "
        "parsing and validating calls, retries, and an evaluation set of tasks. Then compare "
        "your code with what LangChain and LlamaIndex do for you.",
        co=("tom.becker",),
    ),
    talk(
        TOOLS,
        "talk",
        30,
        "beginner",
        "amara.okafor",
        "Prompt Management for Teams: Versioning, Review and Rollback",
        "Prompts are code that product managers edit. We built prompt management with "
        "versions, reviews, staged rollout and evaluation on every change, and show the SDK "
        "our developers use.",
    ),
    talk(
        TOOLS,
        "lightning",
        10,
        "intermediate",
        "sofia.rossi",
        "An Open-Source Evaluation Harness for Agents",
        "Agents need tests that run tools in a sandbox. Our harness, its task format and the "
        "failure categories it reports.",
    ),
    talk(
        TOOLS,
        "talk",
        30,
        "intermediate",
        "nadia.hassan",
        "Structured Output: Getting Valid JSON from Every Model",
        "Constrained decoding, schema-guided prompting and repair loops compared across open "
        "and hosted models on 10,000 extraction tasks, with the library we now use.",
    ),
    talk(
        TOOLS,
        "case_study",
        30,
        "intermediate",
        "wang.fang",
        "Building an Internal Agent Platform for 3,000 Developers",
        "How we gave every team at a bank agent frameworks, approved tools, logging and "
        "evaluation, and what developers built in the first six months.",
    ),
    talk(
        TOOLS,
        "talk",
        30,
        "advanced",
        "kenji.tanaka",
        "Tracing and Debugging Multi-Agent Workflows",
        "When four agents call each other and twenty tools, finding the step that went wrong "
        "is hard. We show open-source tracing, replay of recorded runs, and diffing two runs.",
    ),
    # Optimisation and Tuning
    talk(
        TUNING,
        "talk",
        30,
        "advanced",
        "zhao.lei",
        "Speculative Decoding in Practice: When It Helps and When It Does Not",
        "Draft models promise two to three times faster generation. We measured speculative "
        "decoding across tasks, batch sizes and draft sizes, and show where acceptance rates "
        "collapse and latency gets worse.",
    ),
    talk(
        TUNING,
        "talk",
        30,
        "intermediate",
        "maria.garcia",
        "Post-Training Quantisation to 4 Bits Without Losing Accuracy",
        "We compare GPTQ, AWQ and simple round-to-nearest quantisation on seven open models and "
        "twelve tasks, measuring accuracy, memory footprint and throughput on consumer GPUs.",
    ),
    talk(
        TUNING,
        "case_study",
        30,
        "intermediate",
        "nadia.hassan",
        "Hyperparameter Search on a Budget for Fine-Tuning",
        "Learning rate, rank and epochs matter more than anything else in parameter-efficient "
        "fine-tuning. We share a search strategy that found good settings in eight runs "
        "instead of eighty, tested on twenty customer tasks.",
    ),
    talk(
        TUNING,
        "talk",
        30,
        "advanced",
        "kenji.tanaka",
        "Writing GPU Kernels for Attention with Triton",
        "A fused attention kernel in a hundred lines of Triton: tiling, memory layout and "
        "benchmarking against the standard implementation, with the profiler views that "
        "explain each speed-up.",
    ),
    talk(
        TUNING,
        "lightning",
        10,
        "intermediate",
        "sofia.rossi",
        "Pruning Attention Heads: A Negative Result",
        "We pruned 30% of attention heads and kept benchmark scores, but lost long-context "
        "retrieval. Ten minutes on why benchmarks hid it.",
    ),
    talk(
        TUNING,
        "talk",
        30,
        "intermediate",
        "chen.hao",
        "Distilling a Reranker for Search in Under a Day of GPU Time",
        "A cross-encoder teacher and a small student: the data we generated, the loss we used "
        "and the latency and accuracy trade-off we shipped.",
    ),
    talk(
        TUNING,
        "talk",
        30,
        "beginner",
        "tom.becker",
        "Fine-Tuning Small Models for Customer Intent Classification",
        "When a fine-tuned 1B model beats prompting a large model: data size, cost per "
        "request and accuracy on twelve intent classification tasks.",
    ),
    # Deployment and Operations
    talk(
        OPS,
        "keynote",
        45,
        "beginner",
        "tom.becker",
        "Keynote: Running a Thousand GPUs Is an Operations Problem",
        "Capacity planning, cluster scheduling, incidents and cost: the lessons of running "
        "inference for dozens of AI products on a shared GPU cluster, and the on-call "
        "practices that kept it reliable.",
    ),
    talk(
        OPS,
        "workshop",
        90,
        "intermediate",
        "zhao.lei",
        "Workshop: Deploying a Model Server with Autoscaling and Monitoring",
        "Deploy an open model with vLLM on Kubernetes, add autoscaling on queue length, "
        "dashboards for latency and tokens per second, and alerts that wake you for the right "
        "reasons. Bring a laptop; we provide the cluster.",
    ),
    talk(
        OPS,
        "talk",
        30,
        "intermediate",
        "kenji.tanaka",
        "Cost Control for Inference: Caching, Batching and Routing",
        "Our inference bill halved after we cached prompts, batched requests and routed easy "
        "queries to smaller models. We show the dashboards and the rollout.",
    ),
    talk(
        OPS,
        "case_study",
        30,
        "advanced",
        "chen.hao",
        "An Incident Review: When the Model Server Ran Out of Memory",
        "A Friday deployment, a longer default context and a cascading failure. A blameless "
        "incident review with timelines, monitoring gaps and the fixes we made.",
    ),
    talk(
        OPS,
        "talk",
        30,
        "intermediate",
        "sofia.rossi",
        "On-Device Deployment of Language Models on Android Phones",
        "Quantised models, memory limits and thermal throttling: what it takes to run a 3B "
        "model on mid-range phones, and the latency users tolerate.",
    ),
    talk(
        OPS,
        "lightning",
        10,
        "beginner",
        "amara.okafor",
        "MLOps Checklists for Model Rollouts",
        "Shadow traffic, canaries and rollback: the checklist we run before every model "
        "rollout, in ten minutes.",
    ),
]
