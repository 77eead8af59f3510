export default function NotFound() {
  return (
    <div className="card">
      <h1>页面不存在</h1>
      <p>
        请检查地址，或<a href="/">返回总览</a>。
      </p>
    </div>
  );
}
