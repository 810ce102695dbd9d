export function Jam() {
  return (
    <div hx-ws='connect:/jam/ws' />
  );
}
