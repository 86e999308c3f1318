"""The Chinese names and descriptions of the demo's tracks (Track.name_zh / description_zh),
keyed by slug. Chinese pages show them, and the zero-shot categoriser compares submissions
written in Chinese with them; like the English ones, each names its track's own vocabulary."""

CONFERENCE_ZH = {
    "name_zh": "AI大模型应用开发者大会",
    "description_zh": (
        "为期三天的主题演讲、技术报告、动手工作坊和案例分享，面向基于大模型构建产品的工程师："
        "生产环境中什么有效、成本几何，以及研究界认为下一步是什么。报告使用中文或英文，"
        "主会场提供同声传译。"
    ),
}

TRACKS_ZH = {
    "natural-language-processing": (
        "自然语言处理",
        "文本的理解与生成：问答、检索增强生成、信息抽取、命名实体识别、文本分类、意图识别、"
        "摘要、机器翻译、智能客服与对话机器人，以及领域指令微调和生成答案的可信度评估。",
    ),
    "computer-vision": (
        "计算机视觉",
        "图像与视频：目标检测、图像分割、文字识别、缺陷检测、视觉质检、视频分析、"
        "扩散模型图像生成、多模态视觉语言模型，以及边缘设备上的实时检测。",
    ),
    "speech": (
        "语音",
        "语音与音频：语音识别、方言和口音、说话人分离、语音合成、声音克隆、语音助手，"
        "以及音频数据采集标注和嘈杂电话录音的处理。",
    ),
    "recommender-systems": (
        "推荐系统",
        "推荐与排序：召回、粗排、精排、点击率预估、多目标排序、用户行为序列、冷启动、"
        "短视频和电商推荐，以及线上实验与用户长期价值。",
    ),
    "financial-risk-control": (
        "金融风控",
        "金融风险控制：反欺诈、交易图谱、信用评分、反洗钱、贷款违约预测、信用卡风控，"
        "以及模型的可解释性与监管合规。",
    ),
    "healthcare": (
        "医疗健康",
        "医疗与健康：电子病历、临床辅助决策、医学影像、药物研发、医疗知识图谱、"
        "疾病预测和患者隐私保护。",
    ),
    "education": (
        "教育",
        "教育与学习：智能辅导、自动批改作文和作业、口语测评、个性化学习路径、"
        "课堂分析，以及面向学生和教师的大模型应用。",
    ),
    "model-research": (
        "模型研究",
        "基础模型研究：大规模预训练、扩展定律、混合专家模型、长上下文、推理与思维链、"
        "强化学习、评测基准和数据污染。",
    ),
    "tools-and-frameworks": (
        "工具与框架",
        "开发工具与框架：训练框架、推理引擎、智能体框架、提示词工程工具、向量数据库、"
        "评测工具链和开源软件库。",
    ),
    "optimisation-and-tuning": (
        "优化与调优",
        "模型优化与调优：参数高效微调、量化、蒸馏、剪枝、超参数搜索、显存优化，"
        "以及训练速度和推理延迟的调优。",
    ),
    "deployment-and-operations": (
        "部署与运维",
        "部署与运维：模型服务、推理集群、GPU调度、弹性伸缩、监控告警、灰度发布、"
        "成本控制和线上稳定性。",
    ),
}
