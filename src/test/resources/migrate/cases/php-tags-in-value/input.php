<?php $room = htmlspecialchars($_GET['room']); ?>
<div hx-ws="connect:<?php echo $wsBase; ?>/chat/<?= $room ?>">
  <form hx-ws="send"><input name="m"></form>
</div>
