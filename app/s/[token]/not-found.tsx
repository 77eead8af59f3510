import Link from "next/link";

export default function SharedViewNotFound() {
  return (
    <div className="card state state-error" role="alert" data-testid="share-not-found">
      <h1>分享链接无效</h1>
      <p>没有找到这个冻结视图：链接可能抄错或不完整，请向分享人核对。</p>
      <Link href="/">返回总览</Link>
    </div>
  );
}
