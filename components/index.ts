// The single-file entry for a plain <script type="module">: registers every element.
export {};
