export const Room = () => (
  <div hx-ws='message:replaceOuterHTML' class="room"></div>
);
