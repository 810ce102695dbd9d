const Room = (props: Props) => {
  const { reset, ...rest } = props;
  return <div hx-ext="ws" ws-connect="/ws" {...reset}>{rest.children}</div>;
};
