export const Chat = ({ wsValue }: Props) => (
  <div hx-ws={wsValue} class="chat"></div>
);
