from vanphong.cli import main

main()
