import Link from "next/link";
import "./share-view.css";

type Props = {
  /** "2026 年 12 月 5 日" and "14:03", Beijing time. */
  sharedOn: string;
  sharedAt: string;
  sharedBy: string;
  datasetVersion: string;
  currentVersion: string;
  /** Null while the dataset is at the view's version; else whether the view's own figures differ now. */
  figuresChanged: boolean | null;
  /** The live page with the same view. */
  liveHref: string;
};

/** The top of a frozen view: when it was shared and at which data version, and whether newer data exists. */
export function SharedViewBanner(props: Props) {
  const updated = props.currentVersion !== props.datasetVersion;
  return (
    <section className="frozen-banner" aria-label="冻结视图说明" data-testid="frozen-banner">
      <p>
        <strong>
          这是 {props.sharedOn} 分享的冻结视图（数据版本 {props.datasetVersion}）
        </strong>
        ：{props.sharedBy}于 {props.sharedAt}（北京时间）保存了当时的全部数字；筛选、下钻在冻结视图中不可用。
      </p>
      {updated ? (
        <p className="frozen-updated" data-testid="frozen-updated">
          此后数据已更新（当前数据版本 {props.currentVersion}；
          {props.figuresChanged ? "本视图中的数字已有变化" : "本视图中的数字没有变化"}）：
          <Link href={props.liveHref}>查看最新数据 →</Link>
        </p>
      ) : (
        <p>
          此后数据没有更新。<Link href={props.liveHref}>在实时页面中继续筛选、下钻 →</Link>
        </p>
      )}
    </section>
  );
}
