export function searchRow(item) {
  return `<li>
    <input ws-send type="search" name="q" value="${item.q}">
  </li>`;
}
