export function Jam() {
  return (
    <div hx-ext='ws' ws-connect='/jam/ws' />
  );
}
