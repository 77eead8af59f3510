import { toHalfWidth } from "./numbers";

/** Endings of a body's name (局, 委员会, 人民政府…): a name ending so is an agency, not a bare place. */
export const ORG_SUFFIX =
  /(局|委|委员会|政府|办公室|办|厅|院|中心|所|站|队|管委会|管理委员会|部|署|会|处|街道|街道办事处|镇|乡|社区|公司|馆|团|室|庭|监狱|支队|大队|集团|学校|大学|银行|分局|中队|科|行政公署)$/;
/** Endings of a place or functional zone (淮安市, 平潭综合实验区): the name of a place, its government unnamed. */
export const PLACE_SUFFIX = /(省|市|县|区|旗|州|盟|自治区|自治州|自治县|新区|开发区|实验区|示范区|园区|片区|新城)$/;

const LABEL = /^.*(?:(?:标题|名称|题目)[:：]?|(?:发布机关|发文机关|发布机构|发文单位|发布单位|来源|单位)[:：])/;
const BREADCRUMB = /^.*[>＞»›]/;
const QUOTES = /[【】[\]“”"'「」『』《》〈〉]/g;
const NUMBERING = /^(?:[一二三四五六七八九十]+[、.．]|\d+[、.．)]|[(（][一二三四五六七八九十\d]+[)）])/;
const LEADING_REPORT_WORDS =
  /^(?:(?:19|20)\d{2}年度?)?(?:(?:政府信息公开|政务公开|信息公开)(?:工作)?(?:年度报告|年报|专栏|报告)?|年度报告|工作年报|年报)/;
const LEADING_VERBS = /^(?:现向社会公布|现予公布|现将|现公布|特此公布|公布|发布|印发)/;
const TRAILING_DATE = /(?:(?:19|20)\d{2}|二[〇零○一二三四五六七八九]{3})\s*[-年/.].*$/;
const TRAILING_WORDS = /(?:关于.*|(?:政府信息公开|政务公开|信息公开).*|(?:印发|报送|发布|编制|制作|编写)|的)$/;
const SENTENCE_MARK = /[。，,；;：:！？!?、]/;
const NOT_A_NAME =
  /^(?:本网|本站|本机关|本单位|本部门|我[局委办区市县省厅]|网站|政府网|门户网站|首页|当前位置|办公室|政府|人民政府|政务|信息|全[省市县区])$|^(?:本单位|本机关|本部门|本网|本站)/;
/^(?:本网|本站|本机关|本单位|本部门|我局|我委|我办|我区|我市|我县|网站|政府网|门户网站|首页|当前位置|办公室)$/;

export type CleanMode = "title" | "strict";

/**
 * The agency name inside a fragment that may carry glued words: labels, breadcrumbs, 【】 and quotes, numbering,
 * report words ("政府信息公开年报" + name), a trailing date or "关于报送…". `strict` (every place but the title)
 * also wants the name to end like a body or a place. Null when nothing name-like is left.
 */
export function cleanAgencyName(raw: string, mode: CleanMode = "strict"): string | null {
  let t = toHalfWidth(raw).replace(/\s+/g, "").replace(LABEL, "").replace(BREADCRUMB, "").replace(QUOTES, "");
  // Sentence text before the name ("…要求，现向社会公布XX局"): keep what follows the last mark.
  const parts = t.split(SENTENCE_MARK);
  t = parts[parts.length - 1] ?? "";
  for (let before = ""; before !== t; ) {
    before = t;
    t = t.replace(NUMBERING, "").replace(LEADING_REPORT_WORDS, "").replace(LEADING_VERBS, "");
    t = t.replace(TRAILING_DATE, "").replace(TRAILING_WORDS, "");
    t = t.replace(/^[(（](.+)[)）]$/, "$1").replace(/^[•·●■◆▪\-—*#|]+/, "");
  }
  if (t.length < 2 || t.length > 40 || !/^[\u4e00-\u9fff()（）·]+$/.test(t) || NOT_A_NAME.test(t)) return null;
  if (mode === "strict" && (t.length < 3 || !(ORG_SUFFIX.test(t) || PLACE_SUFFIX.test(t)))) return null;
  return t;
}
