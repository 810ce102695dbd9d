export function searchRow(item) {
  return `<li>
    <input hx-ws:send type="search" name="q" value="${item.q}">
  </li>`;
}
