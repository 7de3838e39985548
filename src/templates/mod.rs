//! The template library: starter flows embedded in the binary, each in
//! English and Chinese (the files in `templates/`), and the scaffolding
//! that `crmflow new` writes.
//!
//! Takes a template name and a language; gives `.crmflow` text. Every
//! template parses, resolves and lints clean under the recommended preset
//! (tested by iterating [`TEMPLATES`], so what is bundled is what is tested).

/// A language a template is written in: the languages crmflow speaks.
pub use crate::i18n::Lang;

/// One template.
#[derive(Clone, Copy, Debug)]
pub struct Template {
    /// The name used on the command line (`ten-step`).
    pub name: &'static str,
    /// One line: what it shows.
    pub summary: &'static str,
    /// The same line in Chinese.
    pub summary_zh: &'static str,
    /// The English flow.
    pub en: &'static str,
    /// The Chinese flow.
    pub zh: &'static str,
}

impl Template {
    /// What it shows, in one line in a language.
    pub fn summary(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.summary,
            Lang::Zh => self.summary_zh,
        }
    }

    /// The text in a language.
    pub fn text(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Zh => self.zh,
        }
    }
}

/// Every template, in the order `crmflow templates` lists them.
pub const TEMPLATES: &[Template] = &[
    Template {
        name: "ten-step",
        summary: "the ten-step CRM flowchart method: goal, first contact, key steps, decisions, roles, feedback, review — each step marked",
        summary_zh: "十步法 CRM 流程图：目标、首次接触、关键步骤、决策、角色、反馈、定期评审，每一步都有标注",
        en: include_str!("../../templates/ten-step.en.crmflow"),
        zh: include_str!("../../templates/ten-step.zh.crmflow"),
    },
    Template {
        name: "customer-lifecycle",
        summary: "marketing → leads → prospects → opportunity → contract → production and logistics → after-sales, departments as lanes",
        summary_zh: "市场推广 → 线索 → 潜在客户 → 商机 → 合同 → 生产与物流 → 售后，各部门为泳道",
        en: include_str!("../../templates/customer-lifecycle.en.crmflow"),
        zh: include_str!("../../templates/customer-lifecycle.zh.crmflow"),
    },
    Template {
        name: "seven-stages",
        summary: "the seven stages of the customer lifecycle — acquire, lead, opportunity, close, deliver, service, renew — as phase columns across five departments",
        summary_zh: "客户生命周期七阶段：获客、线索、商机、成交、交付、服务、续约，以阶段列横跨五个部门",
        en: include_str!("../../templates/seven-stages.en.crmflow"),
        zh: include_str!("../../templates/seven-stages.zh.crmflow"),
    },
    Template {
        name: "lead-to-contract",
        summary: "lead → opportunity → contract management, with qualification decisions and a nurture loop",
        summary_zh: "线索 → 商机 → 合同管理，含资格判断和培育循环",
        en: include_str!("../../templates/lead-to-contract.en.crmflow"),
        zh: include_str!("../../templates/lead-to-contract.zh.crmflow"),
    },
    Template {
        name: "customer-info",
        summary: "collect customer data (forms, calls, imports) → dedupe and clean → classify and tag → periodic update, around the customer database",
        summary_zh: "围绕客户数据库：收集客户数据（表单、电话、导入）→ 去重清洗 → 分类打标签 → 定期更新",
        en: include_str!("../../templates/customer-info.en.crmflow"),
        zh: include_str!("../../templates/customer-info.zh.crmflow"),
    },
    Template {
        name: "marketing-campaign",
        summary: "plan (content, timing, budget) → execute and monitor → feedback and analysis → next round",
        summary_zh: "营销活动：策划（内容、时间、预算）→ 执行与监控 → 反馈与分析 → 下一轮",
        en: include_str!("../../templates/marketing-campaign.en.crmflow"),
        zh: include_str!("../../templates/marketing-campaign.zh.crmflow"),
    },
    Template {
        name: "complaint-handling",
        summary: "ticket → known issue? → diagnose → fixed within SLA? → escalation loop → satisfaction survey → close, with a knowledge base",
        summary_zh: "工单 → 已知问题？→ 诊断 → 在 SLA 内解决？→ 升级循环 → 满意度回访 → 关闭，配合知识库",
        en: include_str!("../../templates/complaint-handling.en.crmflow"),
        zh: include_str!("../../templates/complaint-handling.zh.crmflow"),
    },
    Template {
        name: "crm-modules",
        summary: "the CRM architecture: customer information (blue), sales (green) and service (yellow) modules and the data between them",
        summary_zh: "CRM 架构：客户信息（蓝）、销售（绿）、服务（黄）三大模块及其间的数据",
        en: include_str!("../../templates/crm-modules.en.crmflow"),
        zh: include_str!("../../templates/crm-modules.zh.crmflow"),
    },
];

/// The gallery: every template in both languages drawn as SVG and as PNG
/// (scale 1), as `(file name, bytes)` — `ten-step.zh.svg`, … — for
/// `crmflow templates gallery` and the README. Names the template that
/// does not compile or render.
pub fn gallery() -> Result<Vec<(String, Vec<u8>)>, String> {
    let options = crate::Options::default();
    let mut files = Vec::new();
    for template in TEMPLATES {
        for language in Lang::ALL {
            let name = format!("{}.{}", template.name, language.code());
            let source = crate::SourceFile::new(format!("{name}.crmflow"), template.text(language));
            let compiled = crate::compile(&source, &options)
                .map_err(|diags| format!("the template {name} does not compile: {diags:?}"))?;
            let png = crate::render::png(&compiled.svg, options.fonts, 1.0)?;
            files.push((format!("{name}.svg"), compiled.svg.into_bytes()));
            files.push((format!("{name}.png"), png));
        }
    }
    Ok(files)
}

/// The template with this name.
pub fn find(name: &str) -> Option<&'static Template> {
    TEMPLATES.iter().find(|template| template.name == name)
}

/// A minimal, commented flow to start from when no template is named.
pub fn minimal(lang: Lang) -> &'static str {
    match lang {
        Lang::En => MINIMAL_EN,
        Lang::Zh => MINIMAL_ZH,
    }
}

const MINIMAL_EN: &str = r#"# A new crmflow file. Render it:   crmflow render FILE.crmflow -o FILE.svg
# Check it:                        crmflow check FILE.crmflow
# The language: one declaration per line; `#` starts a comment.

# The header: what the process is for (step 1 of the ten-step method) and
# when it was last reviewed (checked by the stale-review lint).
flow "My process" {
  goal     "What this process achieves for the customer"
  owner    "Who owns it"
  reviewed 2026-01-01
}

# Roles that do the work: each lane is drawn as a band.
lane service "Customer service"

# Color-coded areas; the legend lists the ones in use.
module info "Customer information" color blue

# Nodes: start, end, step, decision, io, store, doc, sub.
start    contact "Customer gets in touch" lane service
step     record  "Record the request"     lane service module info
decision solved  "Solved on the spot?"    lane service
step     handoff "Pass to a specialist"   lane service
end      done    "Request closed"         lane service
store    crm     "CRM database"

# Control flow (->) with labelled decision branches; data flow (..>).
contact -> record -> solved
solved -> done    : "yes"
solved -> handoff : "no"
handoff -> done
record ..> crm : "writes"
"#;

const MINIMAL_ZH: &str = r#"# 新建的 crmflow 文件。渲染：  crmflow render FILE.crmflow -o FILE.svg
# 检查：                       crmflow check FILE.crmflow
# 语法：每行一个声明；`#` 开始注释。

# 文件头：流程的目标（十步法第 1 步）和最近一次评审日期（stale-review 会检查）。
flow "我的流程" {
  goal     "这个流程为客户达成什么"
  owner    "流程负责人"
  reviewed 2026-01-01
}

# 完成工作的角色：每条泳道画成一条带。
lane service "客服人员"

# 用颜色区分的模块；图例只列出用到的模块。
module info "客户信息管理" color blue

# 节点：start、end、step、decision、io、store、doc、sub。
start    contact "客户来电咨询"   lane service
step     record  "记录客户需求"   lane service module info
decision solved  "当场解决?"      lane service
step     handoff "转交专员处理"   lane service
end      done    "需求关闭"       lane service
store    crm     "CRM 客户数据库"

# 控制流（->），决策分支带标签；数据流（..>）。
contact -> record -> solved
solved -> done    : "是"
solved -> handoff : "否"
handoff -> done
record ..> crm : "写入"
"#;

/// The text `crmflow new` writes: the template with its `reviewed` date
/// set to `today` (a new flow starts reviewed).
pub fn scaffold(text: &str, today: time::Date) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        match trimmed.strip_prefix("reviewed") {
            Some(rest) if rest.starts_with([' ', '\t']) && out.contains("flow ") => {
                let indent = &line[..line.len() - trimmed.len()];
                let gap = &rest[..rest.len() - rest.trim_start().len()];
                let after = rest.trim_start();
                let date_end = after
                    .find(|c: char| !(c.is_ascii_digit() || c == '-'))
                    .unwrap_or(after.len());
                out.push_str(&format!(
                    "{indent}reviewed{gap}{today}{}",
                    &after[date_end..]
                ));
            }
            _ => out.push_str(line),
        }
    }
    out
}

/// The commented `crmflow.yaml` that `crmflow new --with-config` writes,
/// its comments in a language.
pub fn config(lang: Lang) -> &'static str {
    match lang {
        Lang::En => CONFIG,
        Lang::Zh => CONFIG_ZH,
    }
}

/// [`config`] in English.
pub const CONFIG: &str = r#"# crmflow.yaml — settings for every .crmflow file in this folder and below.
# Command-line flags and environment variables win over this file.

lint:
  # recommended: errors for broken flows, warnings for what is worth a look.
  # strict: every rule an error, and a `reviewed` date required.
  preset: recommended
  rules:
    # Any rule can be set to error, warning, info or off; see
    # `crmflow check --list-rules` and `crmflow check --explain RULE`.
    stale-review:
      max-age-days: 180        # review every flow at least twice a year
    excessive-handoffs:
      max: 6                   # lane changes allowed along one path

render:
  theme: default               # default | print | dark
  lane-order: declared         # declared | auto (shortest hand-offs)
  scale: 2                     # PNG pixels per SVG unit
"#;

/// [`config`] in Chinese: the same settings.
pub const CONFIG_ZH: &str = r#"# crmflow.yaml — 本文件夹及其子文件夹中每个 .crmflow 文件的设置。
# 命令行参数和环境变量优先于本文件。

lint:
  # recommended：流程有缺陷时报错，值得一看之处给出警告。
  # strict：每条规则都是错误，并且要求填写 `reviewed` 评审日期。
  preset: recommended
  rules:
    # 每条规则都可设为 error、warning、info 或 off；参见
    # `crmflow check --list-rules` 和 `crmflow check --explain 规则名`。
    stale-review:
      max-age-days: 180        # 每个流程每年至少评审两次
    excessive-handoffs:
      max: 6                   # 一条路径上允许的泳道交接次数

render:
  theme: default               # default | print | dark
  lane-order: declared         # declared（按声明顺序）| auto（交接最短）
  scale: 2                     # PNG 中每个 SVG 单位的像素数
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_config_says_the_same_in_both_languages() {
        let settings = |text: &str| -> serde_yaml::Value { serde_yaml::from_str(text).unwrap() };
        assert_eq!(settings(CONFIG), settings(CONFIG_ZH));
        assert!(crate::config::parse(&crate::SourceFile::new("crmflow.yaml", CONFIG_ZH)).is_ok());
        for template in TEMPLATES {
            assert!(
                template
                    .summary_zh
                    .chars()
                    .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{}",
                template.name
            );
        }
    }

    #[test]
    fn scaffold_sets_the_review_date_and_nothing_else() {
        let today = time::Date::from_calendar_date(2026, time::Month::November, 24).unwrap();
        let text = scaffold(TEMPLATES[0].en, today);
        assert!(text.contains("  reviewed 2026-11-24\n"), "{text}");
        assert_eq!(text.lines().count(), TEMPLATES[0].en.lines().count());
        let minimal = scaffold(minimal(Lang::Zh), today);
        assert!(minimal.contains("reviewed 2026-11-24"));
        assert!(minimal.contains("（stale-review 会检查）") || minimal.contains("stale-review"));
    }
}
